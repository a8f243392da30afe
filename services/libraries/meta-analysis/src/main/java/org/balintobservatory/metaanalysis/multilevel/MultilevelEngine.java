package org.balintobservatory.metaanalysis.multilevel;

import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three-level model {@code y = X beta + u_(c) + u_(c,g) + e} with cluster effects
 * {@code u_(c) ~ N(0, sigma_1^2)}, effects of the group within its cluster
 * {@code u_(c,g) ~ N(0, sigma_2^2)} and {@code e ~ N(0, diag(v))}: metafor's
 * {@code rma.mv(yi, vi, mods, random = ~ 1 | cluster/group)} (Konstantopoulos, 2011, Res Synth
 * Methods 2(1); Viechtbauer, 2010). The marginal variance is block diagonal by cluster,
 * {@code V_c = diag(v_c) + sigma_1^2 J + sigma_2^2 Z_2 Z_2'}, and every computation below runs
 * cluster by cluster on those blocks and on p x p matrices; no k x k matrix is formed.
 *
 * <p>With {@code Z_j} the indicator matrix of level j, {@code A = (X'V^-1X)^-1},
 * {@code P = V^-1 - V^-1 X A X' V^-1} and {@code r = y - X b}:
 * <pre>
 *   REML: l = -1/2 [(k-p) log 2pi + log|V| + log|X'V^-1X| + r'V^-1 r] + 1/2 log|X'X|
 *         dl/dsigma_j^2 = -1/2 [tr(P Z_j Z_j') - |Z_j' V^-1 r|^2]
 *         I_jk = 1/2 tr(P Z_j Z_j' P Z_k Z_k') = 1/2 |Z_j' P Z_k|_F^2
 *   ML:   l = -1/2 [k log 2pi + log|V| + r'V^-1 r]
 *         dl/dsigma_j^2 = -1/2 [tr(V^-1 Z_j Z_j') - |Z_j' V^-1 r|^2],  I_jk = 1/2 |Z_j' V^-1 Z_k|_F^2
 *   |Z_j' P Z_k|_F^2 = |S_jk|^2 - 2 tr(A G_k' S_jk' G_j) + tr(A G_j'G_j A G_k'G_k)
 *         with S_jk = Z_j' V^-1 Z_k (block diagonal by cluster) and G_j = Z_j' V^-1 X
 * </pre>
 * (Searle, Casella &amp; McCulloch, 1992, Variance Components, ch. 6). The variances are found by
 * Fisher scoring {@code sigma^2 <- sigma^2 + I^-1 g} on the components not held at the boundary
 * 0, halving a step that lowers the likelihood, until no component moves by more than
 * {@link #CONVERGENCE}. metafor maximises the same likelihood with a quasi-Newton optimiser
 * ({@code nlminb}); both reach the same maximum, to the precision of metafor's own stopping rule.
 */
final class MultilevelEngine {

    /** Absolute change in every variance component at which Fisher scoring stops. */
    static final double CONVERGENCE = 1e-10;

    /** Iterations after which the fit is reported as not converged. */
    static final int MAX_ITERATIONS = 500;

    /** Step halvings tried before a step that lowers the likelihood ends the search. */
    private static final int MAX_HALVINGS = 40;

    private static final double LOG_2_PI = Math.log(2 * Math.PI);

    private final double[] y;
    private final double[] v;
    private final double[][] x;
    private final int k;
    private final int p;
    private final boolean ml;
    /** Rows of each cluster. */
    private final int[][] blocks;
    /** For each cluster and row in it, the index of its group among the cluster's groups. */
    private final int[][] groupInBlock;
    private final int[] groupsInBlock;
    final int clusters;
    final int groups;

    private MultilevelEngine(double[] y, double[] v, double[][] x, String[] cluster, String[] group, boolean ml) {
        this.y = y;
        this.v = v;
        this.x = x;
        this.k = y.length;
        this.p = x[0].length;
        this.ml = ml;
        Map<String, List<Integer>> byCluster = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            byCluster.computeIfAbsent(cluster[i], c -> new ArrayList<>()).add(i);
        }
        blocks = new int[byCluster.size()][];
        groupInBlock = new int[byCluster.size()][];
        groupsInBlock = new int[byCluster.size()];
        int b = 0;
        int groupCount = 0;
        for (List<Integer> rows : byCluster.values()) {
            blocks[b] = rows.stream().mapToInt(Integer::intValue).toArray();
            groupInBlock[b] = new int[rows.size()];
            Map<String, Integer> local = new LinkedHashMap<>();
            for (int m = 0; m < rows.size(); m++) {
                groupInBlock[b][m] = local.computeIfAbsent(group[rows.get(m)], g -> local.size());
            }
            groupsInBlock[b] = local.size();
            groupCount += local.size();
            b++;
        }
        clusters = blocks.length;
        groups = groupCount;
    }

    /**
     * Fits the variance components.
     *
     * @return the converged state, or {@code null} if Fisher scoring did not converge
     */
    static Fit fit(double[] y, double[] v, double[][] x, String[] cluster, String[] group, boolean ml,
                   double start) {
        MultilevelEngine engine = new MultilevelEngine(y, v, x, cluster, group, ml);
        // With one group per cluster only sigma_1^2 + sigma_2^2 is identified: the likelihood is flat
        // along any split, so the whole sum is fitted as sigma_1^2 with sigma_2^2 held at 0.
        boolean oneGroupPerCluster = engine.groups == engine.clusters;
        double[] sigma2 = {start, oneGroupPerCluster ? 0 : start};
        State state = engine.evaluate(sigma2);
        if (state == null) {
            return null;
        }
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            boolean[] free = new boolean[2];
            for (int j = 0; j < 2; j++) {
                free[j] = (sigma2[j] > 0 || state.gradient[j] > 0) && !(oneGroupPerCluster && j == 1);
            }
            double[] direction = engine.scoringDirection(state, free);
            double scale = 1;
            State next = null;
            double[] candidate = null;
            for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
                candidate = new double[2];
                for (int j = 0; j < 2; j++) {
                    candidate[j] = Math.max(0, sigma2[j] + scale * direction[j]);
                }
                next = engine.evaluate(candidate);
                if (next != null && next.logLik >= state.logLik - 1e-12 * Math.abs(state.logLik)) {
                    break;
                }
                next = null;
                scale /= 2;
            }
            if (next == null) {
                // No step along the scoring direction raises the likelihood: a maximum.
                return new Fit(engine, sigma2, state, iteration);
            }
            double change = Math.max(Math.abs(candidate[0] - sigma2[0]), Math.abs(candidate[1] - sigma2[1]));
            sigma2 = candidate;
            state = next;
            if (change <= CONVERGENCE) {
                return new Fit(engine, sigma2, state, iteration);
            }
        }
        return null;
    }

    /** {@code I_FF^-1 g_F} on the free components, 0 on those held at the boundary. */
    private double[] scoringDirection(State state, boolean[] free) {
        double[] direction = new double[2];
        if (free[0] && free[1]) {
            double[][] inverse = LinearAlgebra.invertPositiveDefinite(state.information);
            if (inverse != null) {
                for (int j = 0; j < 2; j++) {
                    direction[j] = inverse[j][0] * state.gradient[0] + inverse[j][1] * state.gradient[1];
                }
                return direction;
            }
        }
        // One component at the boundary, or a singular information matrix: score each free one alone.
        for (int j = 0; j < 2; j++) {
            if (free[j] && state.information[j][j] > 0) {
                direction[j] = state.gradient[j] / state.information[j][j];
            }
        }
        return direction;
    }

    /**
     * The log-likelihood, its gradient and expected information, and the GLS fit at
     * {@code sigma2}.
     *
     * @return {@code null} if a block or {@code X'V^-1X} is numerically singular
     */
    State evaluate(double[] sigma2) {
        double[][][] inverses = new double[clusters][][];
        double logDetV = 0;
        double[][] xvx = new double[p][p];
        double[] xvy = new double[p];
        for (int b = 0; b < clusters; b++) {
            int[] rows = blocks[b];
            int m = rows.length;
            double[][] block = new double[m][m];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    double value = sigma2[0];
                    if (groupInBlock[b][r] == groupInBlock[b][c]) {
                        value += sigma2[1];
                    }
                    if (r == c) {
                        value += v[rows[r]];
                    }
                    block[r][c] = value;
                }
            }
            double[][] l = LinearAlgebra.cholesky(block);
            if (l == null) {
                return null;
            }
            logDetV += LinearAlgebra.logDeterminant(l);
            double[][] inverse = LinearAlgebra.inverseFromCholesky(l);
            inverses[b] = inverse;
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    double w = inverse[r][c];
                    double[] xr = x[rows[r]];
                    double[] xc = x[rows[c]];
                    for (int a = 0; a < p; a++) {
                        xvy[a] += xr[a] * w * y[rows[c]];
                        for (int d = 0; d < p; d++) {
                            xvx[a][d] += xr[a] * w * xc[d];
                        }
                    }
                }
            }
        }
        double[][] gramFactor = LinearAlgebra.cholesky(xvx);
        if (gramFactor == null) {
            return null;
        }
        double[][] a = LinearAlgebra.inverseFromCholesky(gramFactor);
        double[] beta = multiply(a, xvy);
        double[] residual = new double[k];
        for (int i = 0; i < k; i++) {
            residual[i] = y[i] - dot(x[i], beta);
        }

        double quadratic = 0;
        double[] traceVZ = new double[2];
        double[] scoreTerm = new double[2];
        double[][] frobenius = new double[2][2];
        double[][][] gg = new double[2][p][p];
        List<double[][][]> gPerBlock = new ArrayList<>(clusters);
        List<double[][][][]> sPerBlock = new ArrayList<>(clusters);
        for (int b = 0; b < clusters; b++) {
            int[] rows = blocks[b];
            int m = rows.length;
            double[][] inverse = inverses[b];
            double[] vr = new double[m];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    vr[r] += inverse[r][c] * residual[rows[c]];
                }
                quadratic += residual[rows[r]] * vr[r];
            }
            int[] sizes = {1, groupsInBlock[b]};
            // U_j = V^-1 Z_j restricted to the block: column sums of V^-1 over the level's members.
            double[][][] u = new double[2][][];
            for (int j = 0; j < 2; j++) {
                u[j] = new double[m][sizes[j]];
                for (int r = 0; r < m; r++) {
                    for (int c = 0; c < m; c++) {
                        u[j][r][j == 0 ? 0 : groupInBlock[b][c]] += inverse[r][c];
                    }
                }
            }
            double[][][] g = new double[2][][];
            double[][][][] s = new double[2][2][][];
            for (int j = 0; j < 2; j++) {
                double[] z = new double[sizes[j]];
                for (int r = 0; r < m; r++) {
                    z[j == 0 ? 0 : groupInBlock[b][r]] += vr[r];
                }
                scoreTerm[j] += dot(z, z);
                g[j] = new double[sizes[j]][p];
                for (int r = 0; r < m; r++) {
                    for (int col = 0; col < sizes[j]; col++) {
                        for (int q = 0; q < p; q++) {
                            g[j][col][q] += u[j][r][col] * x[rows[r]][q];
                        }
                    }
                }
                for (double[] row : g[j]) {
                    for (int q1 = 0; q1 < p; q1++) {
                        for (int q2 = 0; q2 < p; q2++) {
                            gg[j][q1][q2] += row[q1] * row[q2];
                        }
                    }
                }
                for (int kk = 0; kk < 2; kk++) {
                    double[][] sjk = new double[sizes[j]][sizes[kk]];
                    for (int r = 0; r < m; r++) {
                        int row = j == 0 ? 0 : groupInBlock[b][r];
                        for (int col = 0; col < sizes[kk]; col++) {
                            sjk[row][col] += u[kk][r][col];
                        }
                    }
                    s[j][kk] = sjk;
                    for (double[] line : sjk) {
                        frobenius[j][kk] += dot(line, line);
                    }
                }
                for (int col = 0; col < sizes[j]; col++) {
                    traceVZ[j] += s[j][j][col][col];
                }
            }
            gPerBlock.add(g);
            sPerBlock.add(s);
        }

        double[] gradient = new double[2];
        double[][] information = new double[2][2];
        for (int j = 0; j < 2; j++) {
            double trace = ml ? traceVZ[j] : traceVZ[j] - LinearAlgebra.traceOfProduct(a, gg[j]);
            gradient[j] = -0.5 * (trace - scoreTerm[j]);
            for (int kk = 0; kk < 2; kk++) {
                if (ml) {
                    information[j][kk] = 0.5 * frobenius[j][kk];
                    continue;
                }
                double cross = 0;
                for (int b = 0; b < clusters; b++) {
                    double[][] gj = gPerBlock.get(b)[j];
                    double[][] gk = gPerBlock.get(b)[kk];
                    double[][] sjk = sPerBlock.get(b)[j][kk];
                    for (int r = 0; r < gj.length; r++) {
                        double[] ga = multiply(a, gj[r]);
                        for (int c = 0; c < gk.length; c++) {
                            cross += sjk[r][c] * dot(ga, gk[c]);
                        }
                    }
                }
                double[][] agj = LinearAlgebra.multiply(a, gg[j]);
                double[][] agk = LinearAlgebra.multiply(a, gg[kk]);
                information[j][kk] = 0.5 * (frobenius[j][kk] - 2 * cross + LinearAlgebra.traceOfProduct(agj, agk));
            }
        }
        double logLik;
        if (ml) {
            logLik = -0.5 * (k * LOG_2_PI + logDetV + quadratic);
        } else {
            double[] ones = new double[k];
            Arrays.fill(ones, 1.0);
            double logDetXx = LinearAlgebra.inverseCrossProduct(x, ones).logDeterminant();
            logLik = -0.5 * ((k - p) * LOG_2_PI + logDetV + LinearAlgebra.logDeterminant(gramFactor) + quadratic)
                    + 0.5 * logDetXx;
        }
        return new State(logLik, gradient, information, beta, a);
    }

    private static double[] multiply(double[][] m, double[] vector) {
        double[] out = new double[m.length];
        for (int r = 0; r < m.length; r++) {
            out[r] = dot(m[r], vector);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * The likelihood surface at one point.
     *
     * @param beta       the GLS coefficients {@code A X'V^-1 y}
     * @param covariance {@code A = (X'V^-1X)^-1}
     */
    record State(double logLik, double[] gradient, double[][] information, double[] beta, double[][] covariance) {
    }

    /** The converged variance components and the fit at them. */
    record Fit(MultilevelEngine engine, double[] sigma2, State state, int iterations) {
    }
}
