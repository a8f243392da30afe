package org.balintobservatory.metaanalysis.robust;

import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.MixedEffectsEngine;
import org.balintobservatory.metaanalysis.model.ModelFit;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.StudyFilter;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.multilevel.MultilevelModel;
import org.balintobservatory.metaanalysis.multilevel.MultilevelResult;
import org.balintobservatory.metaanalysis.numerics.Distributions;
import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster-robust (sandwich) inference with the CR2 small-sample correction, as
 * {@code clubSandwich::coef_test(res, vcov = "CR2", cluster)} and metafor's
 * {@code robust(res, cluster, clubSandwich = TRUE)} compute it (Bell &amp; McCaffrey, 2002, Surv
 * Methodol 28(2); Pustejovsky &amp; Tipton, 2018, J Bus Econ Stat 36(4); Tipton &amp; Pustejovsky,
 * 2015, J Educ Behav Stat 40(6)).
 *
 * <p>The model's weights {@code W = V^-1} are its working model {@code Theta = V} (block diagonal by
 * cluster c), {@code M = (X'WX)^-1}, {@code e = y - Xb}:
 * <pre>
 *   B_c   = L_c' (Theta_c - X_c M X_c') L_c              (Theta_c = L_c L_c')
 *   A_c   = L_c B_c^-1/2 L_c'                             (eigenvalues below 1e-12 count as 0)
 *   V_CR2 = M [sum_c X_c' W_c A_c e_c e_c' A_c W_c X_c] M
 *   t_j   = b_j / sqrt(V_CR2,jj), Satterthwaite df_j = (tr P)^2 / |P|_F^2 with, for the J clusters,
 *   P_cd  = delta_cd p_c' Theta_c p_c - q_c' M q_d,  p_c = A_c W_c X_c M e_j,  q_c = X_c' p_c
 * </pre>
 * The omnibus test of q coefficients (contrast C) is the HTZ approximation: with {@code P_st} built
 * as above for contrast rows s and t, {@code Omega_st = tr P_st},
 * {@code B_st = sum Omega^-1/2_ss' P_s't' Omega^-1/2_t't},
 * {@code nu = q(q+1) / sum_st (sum B_st o B_ts + sum B_ss o B_tt)} and
 * {@code F = (nu - q + 1) / (nu q) (Cb)'(C V_CR2 C')^-1 Cb ~ F(q, nu - q + 1)}.
 */
public final class ClusterRobust {

    /** clubSandwich's {@code matrix_power} tolerance: smaller eigenvalues are treated as 0. */
    static final double EIGENVALUE_TOLERANCE = 1e-12;

    private ClusterRobust() {
    }

    /**
     * CR2 inference for the two-level model {@code rma(yi, vi, mods = X, method)} clustered by
     * {@code cluster}, as {@code robust(res, cluster, clubSandwich = TRUE)}.
     *
     * @param cluster the institution of each study
     * @return the robust tests; not estimable, with the reason, when the model is not or when there
     *         are fewer than two clusters
     */
    public static RobustResult twoLevel(double[] yi, double[] vi, List<String> cluster, double[][] x,
                                        List<String> names, ModelOptions options) {
        Included data = include(yi, vi, cluster, x);
        ModelFit fit = MixedEffectsEngine.fit(data.y, data.v, data.x, names.size(), options.withTest(TestType.Z));
        if (!fit.estimable) {
            return notEstimable(data, names, fit.notes);
        }
        double[][][] theta = new double[data.blocks.length][][];
        for (int b = 0; b < data.blocks.length; b++) {
            int[] rows = data.blocks[b];
            theta[b] = new double[rows.length][rows.length];
            for (int m = 0; m < rows.length; m++) {
                theta[b][m][m] = data.v[rows[m]] + fit.tau2;
            }
        }
        return robust(data, theta, fit.beta, names, options.level(), fit.notes);
    }

    /**
     * CR2 inference for the three-level model {@code rma.mv(yi, vi, mods = X, random = ~ 1 |
     * institution/group)} clustered by institution.
     */
    public static RobustResult multilevel(double[] yi, double[] vi, List<String> institution, List<String> group,
                                          double[][] x, List<String> names, ModelOptions options) {
        Included data = include(yi, vi, institution, x);
        List<String> includedClusters = new ArrayList<>();
        List<String> includedGroups = new ArrayList<>();
        for (int index : data.indices) {
            includedClusters.add(institution.get(index));
            includedGroups.add(group.get(index));
        }
        MultilevelResult model = MultilevelModel.fit(data.y, data.v, includedClusters, includedGroups, data.x, names,
                options.withTest(TestType.Z));
        if (!model.estimable()) {
            return notEstimable(data, names, model.notes());
        }
        // With one group per institution only the sum matters: V is the same for any split of it.
        boolean split = !Double.isNaN(model.components().get(0).sigma2());
        double sigma1 = split ? model.components().get(0).sigma2() : model.sigma2Total();
        double sigma2 = split ? model.components().get(1).sigma2() : 0;
        double[][][] theta = new double[data.blocks.length][][];
        for (int b = 0; b < data.blocks.length; b++) {
            int[] rows = data.blocks[b];
            theta[b] = new double[rows.length][rows.length];
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows.length; c++) {
                    boolean sameGroup = includedGroups.get(rows[r]).equals(includedGroups.get(rows[c]));
                    theta[b][r][c] = sigma1 + (sameGroup ? sigma2 : 0) + (r == c ? data.v[rows[r]] : 0);
                }
            }
        }
        double[] beta = model.coefficients().stream().mapToDouble(Coefficient::estimate).toArray();
        return robust(data, theta, beta, names, options.level(), model.notes());
    }

    private static RobustResult robust(Included data, double[][][] theta, double[] beta, List<String> names,
                                       double level, List<String> modelNotes) {
        List<String> notes = new ArrayList<>(modelNotes);
        int p = names.size();
        int clusters = data.blocks.length;
        if (clusters < 2) {
            notes.add("Cluster-robust inference needs at least two institutions, found " + clusters + ".");
            return notEstimable(data, names, notes);
        }
        double[][][] weights = new double[clusters][][];
        double[][] xwx = new double[p][p];
        for (int b = 0; b < clusters; b++) {
            weights[b] = LinearAlgebra.invertPositiveDefinite(theta[b]);
            double[][] xc = rows(data.x, data.blocks[b]);
            add(xwx, multiply(transpose(xc), multiply(weights[b], xc)));
        }
        double[][] m = LinearAlgebra.invertPositiveDefinite(xwx);
        if (m == null) {
            notes.add("The weighted design matrix is singular; cluster-robust tests are not available.");
            return notEstimable(data, names, notes);
        }
        // E_c = X_c' W_c A_c (p x n_c): the adjusted estimating-equation matrices.
        double[][][] e = new double[clusters][][];
        double[][] meat = new double[p][p];
        for (int b = 0; b < clusters; b++) {
            int[] rows = data.blocks[b];
            double[][] xc = rows(data.x, rows);
            double[][] l = LinearAlgebra.cholesky(theta[b]);
            double[][] inner = subtract(theta[b], multiply(xc, multiply(m, transpose(xc))));
            double[][] adjustment = multiply(l, multiply(inversePowerHalf(multiply(transpose(l), multiply(inner, l))),
                    transpose(l)));
            e[b] = multiply(transpose(xc), multiply(weights[b], adjustment));
            double[] residual = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                double fitted = 0;
                for (int j = 0; j < p; j++) {
                    fitted += xc[r][j] * beta[j];
                }
                residual[r] = data.y[rows[r]] - fitted;
            }
            double[] u = multiply(e[b], residual);
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    meat[r][c] += u[r] * u[c];
                }
            }
        }
        double[][] covariance = multiply(m, multiply(meat, m));

        double alpha = (100 - level) / 100;
        List<RobustCoefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double[] contrast = new double[p];
            contrast[j] = 1;
            double[][] pj = clusterMatrix(contrast, contrast, e, theta, data, m);
            double df = square(trace(pj)) / frobenius2(pj);
            double se = Math.sqrt(covariance[j][j]);
            double t = beta[j] / se;
            double critical = Distributions.tCritical(alpha, df);
            coefficients.add(new RobustCoefficient(names.get(j), beta[j], se, t, df,
                    Distributions.twoSidedT(t, df), beta[j] - critical * se, beta[j] + critical * se));
        }
        int[] tested = p > 1 ? java.util.stream.IntStream.range(1, p).toArray() : new int[] {0};
        Htz htz = htz(tested, beta, covariance, e, theta, data, m);
        return new RobustResult(true, data.y.length, clusters, coefficients, htz.f, tested.length, htz.df2, htz.p,
                covariance, notes);
    }

    private record Htz(double f, double df2, double p) {
    }

    /** Hotelling's T^2 approximation with the HTZ degrees of freedom, clubSandwich's default Wald test. */
    private static Htz htz(int[] tested, double[] beta, double[][] covariance, double[][][] e, double[][][] theta,
                           Included data, double[][] m) {
        int q = tested.length;
        int p = beta.length;
        double[][] c = new double[q][p];
        double[] cb = new double[q];
        for (int s = 0; s < q; s++) {
            c[s][tested[s]] = 1;
            cb[s] = beta[tested[s]];
        }
        double[][] ccovc = new double[q][q];
        for (int s = 0; s < q; s++) {
            for (int t = 0; t < q; t++) {
                ccovc[s][t] = covariance[tested[s]][tested[t]];
            }
        }
        double[][] ccovcInverse = LinearAlgebra.invertPositiveDefinite(ccovc);
        if (ccovcInverse == null) {
            return new Htz(Double.NaN, Double.NaN, Double.NaN);
        }
        double wald = LinearAlgebra.quadraticForm(cb, ccovcInverse);
        double[][][][] pArray = new double[q][q][][];
        double[][] omega = new double[q][q];
        for (int s = 0; s < q; s++) {
            for (int t = 0; t < q; t++) {
                pArray[s][t] = clusterMatrix(c[s], c[t], e, theta, data, m);
                omega[s][t] = trace(pArray[s][t]);
            }
        }
        double[][] omegaRoot = inversePowerHalf(omega);
        int clusters = e.length;
        double[][][][] bArray = new double[q][q][clusters][clusters];
        for (int s = 0; s < q; s++) {
            for (int t = 0; t < q; t++) {
                for (int s2 = 0; s2 < q; s2++) {
                    for (int t2 = 0; t2 < q; t2++) {
                        double factor = omegaRoot[s][s2] * omegaRoot[t2][t];
                        for (int a = 0; a < clusters; a++) {
                            for (int b = 0; b < clusters; b++) {
                                bArray[s][t][a][b] += factor * pArray[s2][t2][a][b];
                            }
                        }
                    }
                }
            }
        }
        double total = 0;
        for (int s = 0; s < q; s++) {
            for (int t = 0; t < q; t++) {
                total += elementwise(bArray[s][t], bArray[t][s]) + elementwise(bArray[s][s], bArray[t][t]);
            }
        }
        double nu = q * (q + 1) / total;
        double df2 = nu - q + 1;
        double f = Math.max((nu - q + 1) / nu, 0) * wald / q;
        return new Htz(f, df2, Distributions.fUpper(f, q, df2));
    }

    /**
     * The J x J matrix {@code P_cd = delta_cd g_c' Theta_c h_c - (X_c'g_c)' M (X_d'h_d)} with
     * {@code g_c = E_c' M a}, {@code h_c = E_c' M b}, for contrast rows a and b.
     */
    private static double[][] clusterMatrix(double[] a, double[] b, double[][][] e, double[][][] theta, Included data,
                                            double[][] m) {
        int clusters = e.length;
        double[] ma = multiply(m, a);
        double[] mb = multiply(m, b);
        double[][] qa = new double[clusters][];
        double[][] qb = new double[clusters][];
        double[] diagonal = new double[clusters];
        for (int c = 0; c < clusters; c++) {
            double[][] ec = e[c];
            double[] ga = multiply(transpose(ec), ma);
            double[] gb = multiply(transpose(ec), mb);
            double[][] xc = rows(data.x, data.blocks[c]);
            qa[c] = multiply(transpose(xc), ga);
            qb[c] = multiply(transpose(xc), gb);
            diagonal[c] = dot(ga, multiply(theta[c], gb));
        }
        double[][] out = new double[clusters][clusters];
        for (int c = 0; c < clusters; c++) {
            double[] mqa = multiply(m, qa[c]);
            for (int d = 0; d < clusters; d++) {
                out[c][d] = (c == d ? diagonal[c] : 0) - dot(mqa, qb[d]);
            }
        }
        return out;
    }

    /** {@code S^-1/2} of a symmetric positive semi-definite matrix, eigenvalues below tolerance as 0. */
    static double[][] inversePowerHalf(double[][] s) {
        int n = s.length;
        LinearAlgebra.Eigen eigen = LinearAlgebra.symmetricEigen(s);
        double[][] vectors = eigen.vectors();
        double[][] out = new double[n][n];
        for (int j = 0; j < n; j++) {
            double value = eigen.values()[j];
            double power = value > EIGENVALUE_TOLERANCE ? 1 / Math.sqrt(value) : 0;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    out[r][c] += vectors[r][j] * power * vectors[c][j];
                }
            }
        }
        return out;
    }

    private static RobustResult notEstimable(Included data, List<String> names, List<String> notes) {
        List<RobustCoefficient> coefficients = names.stream().map(name -> new RobustCoefficient(name, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)).toList();
        double[][] covariance = new double[names.size()][names.size()];
        for (double[] row : covariance) {
            Arrays.fill(row, Double.NaN);
        }
        List<String> reasons = new ArrayList<>(notes);
        if (reasons.isEmpty()) {
            reasons.add("The model could not be fitted, so no cluster-robust test is available.");
        }
        return new RobustResult(false, data.y.length, data.blocks.length, coefficients, Double.NaN,
                Math.max(1, names.size() - 1), Double.NaN, Double.NaN, covariance, reasons);
    }

    /** The usable studies and the rows of each cluster among them. */
    private record Included(int[] indices, double[] y, double[] v, double[][] x, int[][] blocks) {
    }

    private static Included include(double[] yi, double[] vi, List<String> cluster, double[][] x) {
        RandomEffectsModel.requireSameLength(yi, vi);
        if (cluster.size() != yi.length || x.length != yi.length) {
            throw new IllegalArgumentException("cluster and design need one entry per study");
        }
        String[] reasons = new String[yi.length];
        for (int i = 0; i < yi.length; i++) {
            if (cluster.get(i) == null) {
                reasons[i] = "cluster label is missing";
            }
        }
        StudyFilter.Included included = StudyFilter.filter(yi, vi, x, reasons);
        Map<String, List<Integer>> byCluster = new LinkedHashMap<>();
        for (int j = 0; j < included.indices().length; j++) {
            byCluster.computeIfAbsent(cluster.get(included.indices()[j]), c -> new ArrayList<>()).add(j);
        }
        int[][] blocks = byCluster.values().stream().map(rows -> rows.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        return new Included(included.indices(), included.y(), included.v(), included.x(), blocks);
    }

    private static double[][] rows(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = x[rows[r]];
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        int cols = a.length == 0 ? 0 : a[0].length;
        double[][] out = new double[cols][a.length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < cols; c++) {
                out[c][r] = a[r][c];
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int inner = b.length;
        int cols = inner == 0 ? 0 : b[0].length;
        double[][] out = new double[a.length][cols];
        for (int r = 0; r < a.length; r++) {
            for (int m = 0; m < inner; m++) {
                double arm = a[r][m];
                for (int c = 0; c < cols; c++) {
                    out[r][c] += arm * b[m][c];
                }
            }
        }
        return out;
    }

    private static double[] multiply(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            out[r] = dot(a[r], v);
        }
        return out;
    }

    private static double[][] subtract(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a.length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a.length; c++) {
                out[r][c] = a[r][c] - b[r][c];
            }
        }
        return out;
    }

    private static void add(double[][] target, double[][] a) {
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                target[r][c] += a[r][c];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double trace(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i][i];
        }
        return sum;
    }

    private static double frobenius2(double[][] a) {
        return elementwise(a, a);
    }

    private static double elementwise(double[][] a, double[][] b) {
        double sum = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                sum += a[r][c] * b[r][c];
            }
        }
        return sum;
    }

    private static double square(double value) {
        return value * value;
    }
}
