package org.balintobservatory.metaanalysis.mixed;

import java.util.List;

import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

/**
 * The likelihood of {@code y = X beta + u_out + u_in + e} with {@code u_out ~ N(0, phi_out sigma^2)} per
 * outer cluster, {@code u_in ~ N(0, phi_in sigma^2)} per inner cluster and {@code e ~ N(0, sigma^2 I)},
 * evaluated from the clusters' sufficient statistics in closed form, cluster by cluster.
 *
 * <p>Write {@code z = [X y]} (d = p + 1 columns), {@code V = sigma^2 V~}. For inner cluster g with
 * n_g rows, mean row {@code m_g} and centred cross-products {@code C_g}, its block
 * {@code B_g = I + phi_in J} has {@code B_g^-1 = I - c_g J}, {@code c_g = phi_in / (1 + n_g phi_in)}, so
 * <pre>
 *   z_g' B_g^-1 z_g = C_g + w_g m_g m_g',   w_g = 1' B_g^-1 1 = n_g / (1 + n_g phi_in).
 * </pre>
 * For outer cluster i, {@code V~_i = blockdiag(B_g) + phi_out 11'}; by Woodbury, with
 * {@code s_i = sum w_g}, the weighted mean {@code mbar_i = sum w_g m_g / s_i} and
 * {@code t_i = s_i / (1 + phi_out s_i)},
 * <pre>
 *   z_i' V~_i^-1 z_i = sum_g C_g + sum_g w_g (m_g - mbar_i)(m_g - mbar_i)' + t_i mbar_i mbar_i'
 *   log|V~_i| = sum_g log(1 + n_g phi_in) + log(1 + phi_out s_i)
 * </pre>
 * (only sums of positive semi-definite terms, so nothing cancels however large the variances).
 * {@code G = z'V~^-1 z = sum_i z_i'V~_i^-1 z_i} holds everything else: with its Cholesky factor,
 * {@code G_xx beta = G_xy}, the penalised residual sum of squares {@code r^2 = G_yy - G_yx beta} and
 * {@code log|X'V~^-1 X| = log|G_xx|}. The deviances with sigma profiled out are those of lme4
 * (Bates, Maechler, Bolker &amp; Walker 2015, J Stat Softw 67(1), eq. 34 and 41):
 * <pre>
 *   ML:   d(phi) = log|V~| + N (1 + log(2 pi r^2 / N))
 *   REML: d(phi) = log|V~| + log|G_xx| + (N - p)(1 + log(2 pi r^2 / (N - p)))
 * </pre>
 * and, with sigma free, the deviance lmerTest differentiates for Satterthwaite's degrees of freedom
 * (Kuznetsova, Brockhoff &amp; Christensen 2017, J Stat Softw 82(13)):
 * <pre>
 *   D(phi, sigma) = log|V~| + [log|G_xx|] + r^2 / sigma^2 + (N [- p]) log(2 pi sigma^2)
 * </pre>
 * Their derivatives come from {@code dV~/dphi_l = Z_l Z_l'}: for each node (cluster) of level l with
 * {@code u = z'V~^-1 1_node} and {@code q = 1_node'V~^-1 1_node},
 * <pre>
 *   dlog|V~|/dphi_l = sum q,   dG/dphi_l = -sum u u',
 *   group g of outer i:  u = w_g (m_g - f_i s_i mbar_i),  q = w_g - f_i w_g^2,  f_i = phi_out / (1 + phi_out s_i)
 *   outer cluster i:     u = t_i mbar_i,                   q = t_i
 * </pre>
 * so, with {@code e = (-beta, 1)} and the envelope theorem for beta,
 * {@code dr^2/dphi_l = -sum (e'u)^2} and {@code dlog|G_xx|/dphi_l = -sum u_x' G_xx^-1 u_x}. One
 * evaluation costs O(clusters x d^2); no n x n matrix is formed.
 */
final class NestedDeviance {

    private static final double LOG_2_PI = Math.log(2 * Math.PI);

    /** Inner level index in parameter arrays. */
    static final int INNER = 0;
    /** Outer level index in parameter arrays. */
    static final int OUTER = 1;

    final int p;
    final int d;
    final long observations;
    final boolean reml;
    final boolean hasOuter;
    final int innerClusters;
    final int outerClusters;
    private final long[] n;
    private final double[][] mean;
    /** Start of each outer cluster's run of inner clusters; one more entry than outer clusters. */
    private final int[] outerStart;
    private final double[][] pooledCross;
    /** Evaluations of the likelihood so far: the work a fit did, counted rather than timed. */
    private long evaluations;

    /**
     * @param clusters inner clusters, those of one outer cluster adjacent
     * @param outerStart start of each outer cluster's run, clusters.size() last
     */
    NestedDeviance(List<ClusterStatistics> clusters, int[] outerStart, boolean hasOuter, boolean reml) {
        this.p = clusters.get(0).columns();
        this.d = p + 1;
        this.reml = reml;
        this.hasOuter = hasOuter;
        this.outerStart = outerStart;
        this.innerClusters = clusters.size();
        this.outerClusters = outerStart.length - 1;
        this.n = new long[innerClusters];
        this.mean = new double[innerClusters][d];
        this.pooledCross = new double[d][d];
        long total = 0;
        for (int g = 0; g < innerClusters; g++) {
            ClusterStatistics c = clusters.get(g);
            n[g] = c.n();
            total += c.n();
            double[] sum = new double[d];
            System.arraycopy(c.xSum(), 0, sum, 0, p);
            sum[p] = c.ySum();
            double[][] cross = new double[d][d];
            for (int a = 0; a < p; a++) {
                System.arraycopy(c.xtx()[a], 0, cross[a], 0, p);
                cross[a][p] = c.xty()[a];
                cross[p][a] = c.xty()[a];
            }
            cross[p][p] = c.yty();
            for (int a = 0; a < d; a++) {
                mean[g][a] = sum[a] / n[g];
            }
            // C_g = S_g - n m m': the one subtraction, made once, as the data's own centring.
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    pooledCross[a][b] += cross[a][b] - n[g] * mean[g][a] * mean[g][b];
                }
            }
        }
        this.observations = total;
    }

    long evaluations() {
        return evaluations;
    }

    /** @return the number of variance ratios: 1 (inner) or 2 (inner, outer) */
    int parameters() {
        return hasOuter ? 2 : 1;
    }

    /** Degrees of freedom the residual variance is estimated with: N - p (REML) or N (ML). */
    double residualDf() {
        return reml ? observations - p : observations;
    }

    /**
     * The fit at variance ratios {@code phi = (phi_in[, phi_out])}.
     *
     * @return the state, or {@code null} if {@code G_xx} is numerically singular there
     */
    State evaluate(double[] phi) {
        evaluations++;
        double phiIn = phi[INNER];
        double phiOut = hasOuter ? phi[OUTER] : 0;
        double[][] g = LinearAlgebra.copy(pooledCross);
        double logDetV = 0;
        double[] w = new double[innerClusters];
        double[] s = new double[outerClusters];
        double[] t = new double[outerClusters];
        double[][] outerMean = new double[outerClusters][d];
        double tTotal = 0;
        double[] grandMean = new double[d];
        for (int i = 0; i < outerClusters; i++) {
            for (int c = outerStart[i]; c < outerStart[i + 1]; c++) {
                w[c] = n[c] / (1 + n[c] * phiIn);
                s[i] += w[c];
                logDetV += Math.log1p(n[c] * phiIn);
                for (int a = 0; a < d; a++) {
                    outerMean[i][a] += w[c] * mean[c][a];
                }
            }
            for (int a = 0; a < d; a++) {
                outerMean[i][a] /= s[i];
            }
            for (int c = outerStart[i]; c < outerStart[i + 1]; c++) {
                addScatter(g, w[c], mean[c], outerMean[i]);
            }
            t[i] = s[i] / (1 + phiOut * s[i]);
            logDetV += Math.log1p(phiOut * s[i]);
            tTotal += t[i];
            for (int a = 0; a < d; a++) {
                grandMean[a] += t[i] * outerMean[i][a];
            }
        }
        for (int a = 0; a < d; a++) {
            grandMean[a] /= tTotal;
        }
        for (int i = 0; i < outerClusters; i++) {
            addScatter(g, t[i], outerMean[i], grandMean);
        }
        addScatter(g, tTotal, grandMean, new double[d]);

        double[][] factor = LinearAlgebra.cholesky(g);
        if (factor == null || !(factor[p][p] > 0)) {
            return null;
        }
        double residualSquares = factor[p][p] * factor[p][p];
        double[][] xFactor = new double[p][p];
        for (int a = 0; a < p; a++) {
            System.arraycopy(factor[a], 0, xFactor[a], 0, p);
        }
        double logDetGxx = LinearAlgebra.logDeterminant(xFactor);
        // L_xx' beta = L_yx: back substitution.
        double[] beta = new double[p];
        for (int a = p - 1; a >= 0; a--) {
            double sum = factor[p][a];
            for (int b = a + 1; b < p; b++) {
                sum -= xFactor[b][a] * beta[b];
            }
            beta[a] = sum / xFactor[a][a];
        }
        double[][] gInverse = LinearAlgebra.inverseFromCholesky(xFactor);

        double[] e = new double[d];
        for (int a = 0; a < p; a++) {
            e[a] = -beta[a];
        }
        e[p] = 1;
        double[] q = new double[2];
        double[] residualScore = new double[2];
        double[][][] crossScore = new double[2][p][p];
        double[] u = new double[d];
        for (int i = 0; i < outerClusters; i++) {
            double f = phiOut / (1 + phiOut * s[i]);
            for (int c = outerStart[i]; c < outerStart[i + 1]; c++) {
                for (int a = 0; a < d; a++) {
                    u[a] = w[c] * (mean[c][a] - f * s[i] * outerMean[i][a]);
                }
                q[INNER] += w[c] - f * w[c] * w[c];
                accumulateNode(u, e, residualScore, crossScore, INNER);
            }
            if (hasOuter) {
                for (int a = 0; a < d; a++) {
                    u[a] = t[i] * outerMean[i][a];
                }
                q[OUTER] += t[i];
                accumulateNode(u, e, residualScore, crossScore, OUTER);
            }
        }
        double[] traceTerm = new double[2];
        for (int l = 0; l < 2; l++) {
            traceTerm[l] = LinearAlgebra.traceOfProduct(gInverse, crossScore[l]);
        }
        return new State(phi.clone(), beta, gInverse, residualSquares, logDetV, logDetGxx, q, residualScore,
                crossScore, traceTerm);
    }

    private void accumulateNode(double[] u, double[] e, double[] residualScore, double[][][] crossScore, int level) {
        double eu = 0;
        for (int a = 0; a < d; a++) {
            eu += e[a] * u[a];
        }
        residualScore[level] += eu * eu;
        double[][] cross = crossScore[level];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                cross[a][b] += u[a] * u[b];
            }
        }
    }

    /** {@code target += weight (x - centre)(x - centre)'}. */
    private static void addScatter(double[][] target, double weight, double[] x, double[] centre) {
        int d = x.length;
        for (int a = 0; a < d; a++) {
            double da = weight * (x[a] - centre[a]);
            for (int b = 0; b < d; b++) {
                target[a][b] += da * (x[b] - centre[b]);
            }
        }
    }

    /**
     * The likelihood and its derivatives at one point.
     *
     * @param phi            the variance ratios {@code sigma_l^2 / sigma^2}
     * @param beta           GLS coefficients
     * @param gInverse       {@code (X'V~^-1 X)^-1}
     * @param residualSquares {@code r^2}
     * @param logDetV        {@code log|V~|}
     * @param logDetGxx      {@code log|X'V~^-1 X|}
     * @param q              per level, {@code dlog|V~|/dphi_l}
     * @param residualScore  per level, {@code sum (e'u)^2 = -dr^2/dphi_l}
     * @param crossScore     per level, {@code S_l = sum u_x u_x' = -dG_xx/dphi_l}
     * @param traceTerm      per level, {@code tr(G_xx^-1 S_l)}
     */
    record State(double[] phi, double[] beta, double[][] gInverse, double residualSquares, double logDetV,
                 double logDetGxx, double[] q, double[] residualScore, double[][][] crossScore, double[] traceTerm) {
    }

    /** The profiled deviance {@code d(phi)} (-2 log-likelihood at the best sigma). */
    double profiledDeviance(State state) {
        double df = residualDf();
        double deviance = state.logDetV + df * (1 + LOG_2_PI + Math.log(state.residualSquares / df));
        return reml ? deviance + state.logDetGxx : deviance;
    }

    /** {@code dd/dphi_l} of the profiled deviance, one entry per parameter. */
    double[] profiledGradient(State state) {
        double[] gradient = new double[parameters()];
        double df = residualDf();
        for (int l = 0; l < gradient.length; l++) {
            gradient[l] = state.q[l] - df * state.residualScore[l] / state.residualSquares;
            if (reml) {
                gradient[l] -= state.traceTerm[l];
            }
        }
        return gradient;
    }

    /**
     * The gradient of {@code D(theta, sigma)} in lmerTest's parameters {@code (theta_in[, theta_out], sigma)},
     * {@code theta_l = sqrt(phi_l)}: {@code dD/dtheta_l = 2 theta_l dD/dphi_l},
     * {@code dD/dsigma = 2 df / sigma - 2 r^2 / sigma^3}.
     *
     * @return {@code null} if the likelihood cannot be evaluated there
     */
    double[] varianceParameterGradient(double[] theta, double sigma) {
        int m = parameters();
        double[] phi = new double[m];
        for (int l = 0; l < m; l++) {
            phi[l] = theta[l] * theta[l];
        }
        State state = evaluate(phi);
        if (state == null) {
            return null;
        }
        double sigma2 = sigma * sigma;
        double[] gradient = new double[m + 1];
        for (int l = 0; l < m; l++) {
            double dPhi = state.q[l] - state.residualScore[l] / sigma2 - (reml ? state.traceTerm[l] : 0);
            gradient[l] = 2 * theta[l] * dPhi;
        }
        gradient[m] = 2 * residualDf() / sigma - 2 * state.residualSquares / (sigma2 * sigma);
        return gradient;
    }
}
