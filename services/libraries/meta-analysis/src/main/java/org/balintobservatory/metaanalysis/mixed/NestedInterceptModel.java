package org.balintobservatory.metaanalysis.mixed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

/**
 * Linear mixed model with random intercepts for outer clusters (institutions) and inner clusters
 * (groups) nested in them,
 * <pre>
 *   y = X beta + u_outer + u_inner + e,  u_outer ~ N(0, sigma_out^2), u_inner ~ N(0, sigma_in^2), e ~ N(0, sigma^2 I),
 * </pre>
 * fitted as {@code lme4::lmer(y ~ X - 1 + (1 | outer/inner), REML = )} (Bates, Maechler, Bolker &amp;
 * Walker 2015, J Stat Softw 67(1)), with lmerTest's Satterthwaite degrees of freedom (Kuznetsova,
 * Brockhoff &amp; Christensen 2017, J Stat Softw 82(13)). Without outer ids, {@code (1 | inner)}.
 *
 * <p>The fit works on each cluster's sufficient statistics ({@link ClusterStatistics}) and the
 * closed-form inverses of {@link NestedDeviance}: one likelihood evaluation costs
 * O(clusters x p^2), and no n x n matrix is formed. As in lme4, sigma^2 is profiled out and the
 * deviance minimised over the variance ratios {@code phi_l = theta_l^2 = sigma_l^2 / sigma^2 >= 0}:
 * here by Newton's method on the analytic gradient, with the Hessian from central differences of
 * that gradient, a step halved until the deviance does not rise, and a ratio at 0 held there while
 * the deviance rises into the interior (a variance estimated at its boundary, as lme4's bounded
 * optimiser returns it). It stops when no ratio moves by more than 1e-12 (relative), far inside
 * lme4's own tolerances, so lme4's estimates agree with these to about its optimiser's precision.
 */
public final class NestedInterceptModel {

    /** Newton iterations after which the fit is reported as not converged. */
    static final int MAX_ITERATIONS = 200;

    /** Relative change of every variance ratio at which Newton's method stops. */
    static final double CONVERGENCE = 1e-12;

    /** Step halvings tried before a step that raises the deviance ends the search. */
    private static final int MAX_HALVINGS = 60;

    /**
     * A column whose Cholesky pivot of X'X falls below this share of its norm is a combination of the
     * columns before it; the tolerance of R's {@code qr()}, which lme4's rank check uses.
     */
    private static final double RANK_TOLERANCE = 1e-7;

    private NestedInterceptModel() {
    }

    /**
     * Fits the model.
     *
     * @param termNames  the names of the columns of X (intercept included by the caller)
     * @param clusters   one entry per inner cluster (entries of the same cluster are added up); all
     *                   with an outer id, or none
     * @param estimation REML or ML
     * @return the fit
     * @throws RankDeficientDesignException if some columns of X are linear combinations of the others
     * @throws IllegalArgumentException     if there are too few rows or clusters to estimate the model
     */
    public static MixedModelFit fit(List<String> termNames, List<ClusterStatistics> clusters, Estimation estimation) {
        Objects.requireNonNull(estimation, "estimation");
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("no clusters to fit");
        }
        int p = termNames.size();
        boolean hasOuter = clusters.get(0).outerId() != null;
        for (ClusterStatistics cluster : clusters) {
            if (cluster.columns() != p) {
                throw new IllegalArgumentException("every cluster needs " + p + " columns, one per term");
            }
            if ((cluster.outerId() != null) != hasOuter) {
                throw new IllegalArgumentException("either every cluster names its outer cluster or none does");
            }
        }
        List<ClusterStatistics> ordered = new ArrayList<>();
        int[] outerStart = arrange(clusters, hasOuter, ordered);
        checkRank(termNames, ordered);
        int outerClusters = outerStart.length - 1;
        // With one inner cluster in every outer one the two intercepts always add up: the likelihood depends on
        // sigma_out^2 + sigma_in^2 alone, flat along any split of it. The sum is fitted as the outer variance
        // with the inner one held at 0, which is the fit of (1 | outer); lmer returns a split that depends on
        // where its optimiser stops, and the same fixed effects.
        boolean collapsed = hasOuter && outerClusters == ordered.size();
        NestedDeviance deviance = new NestedDeviance(ordered, outerStart, hasOuter && !collapsed,
                estimation == Estimation.REML);
        checkEstimable(deviance);

        Optimum optimum = minimise(deviance);
        return assemble(termNames, estimation, deviance, optimum, collapsed);
    }

    /** Puts the clusters of one outer cluster next to each other, first-seen order, adding duplicates. */
    private static int[] arrange(List<ClusterStatistics> clusters, boolean hasOuter, List<ClusterStatistics> ordered) {
        Map<String, Map<String, ClusterStatistics>> byOuter = new LinkedHashMap<>();
        for (ClusterStatistics cluster : clusters) {
            // Without an outer level every inner cluster stands alone.
            String outer = hasOuter ? cluster.outerId() : cluster.innerId();
            byOuter.computeIfAbsent(outer, key -> new LinkedHashMap<>())
                    .merge(cluster.innerId(), cluster, ClusterStatistics::plus);
        }
        int[] outerStart = new int[byOuter.size() + 1];
        int i = 0;
        for (Map<String, ClusterStatistics> inner : byOuter.values()) {
            outerStart[i++] = ordered.size();
            ordered.addAll(inner.values());
        }
        outerStart[i] = ordered.size();
        return outerStart;
    }

    /** Cholesky of X'X column by column, setting aside columns that add nothing (lme4's rank check). */
    private static void checkRank(List<String> termNames, List<ClusterStatistics> clusters) {
        int p = termNames.size();
        double[][] xtx = new double[p][p];
        for (ClusterStatistics cluster : clusters) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    xtx[a][b] += cluster.xtx()[a][b];
                }
            }
        }
        double[][] l = new double[p][p];
        boolean[] kept = new boolean[p];
        List<String> aliased = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double diagonal = xtx[j][j];
            for (int m = 0; m < j; m++) {
                if (kept[m]) {
                    diagonal -= l[j][m] * l[j][m];
                }
            }
            if (!(xtx[j][j] > 0) || !(diagonal > RANK_TOLERANCE * RANK_TOLERANCE * xtx[j][j])) {
                aliased.add(termNames.get(j));
                continue;
            }
            kept[j] = true;
            l[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < p; i++) {
                double sum = xtx[i][j];
                for (int m = 0; m < j; m++) {
                    if (kept[m]) {
                        sum -= l[i][m] * l[j][m];
                    }
                }
                l[i][j] = sum / l[j][j];
            }
        }
        if (!aliased.isEmpty()) {
            throw new RankDeficientDesignException(aliased);
        }
    }

    /** lme4's checks: more rows than fixed effects, at least two levels of each factor, fewer levels than rows. */
    private static void checkEstimable(NestedDeviance deviance) {
        if (deviance.observations <= deviance.p) {
            throw new IllegalArgumentException("too few observations: " + deviance.observations + " rows for "
                    + deviance.p + " fixed effects");
        }
        if (deviance.innerClusters < 2 || (deviance.hasOuter && deviance.outerClusters < 2)) {
            throw new IllegalArgumentException("each level of random intercepts needs at least two clusters");
        }
        if (deviance.innerClusters >= deviance.observations) {
            throw new IllegalArgumentException("the inner clusters' variance is not identifiable: "
                    + deviance.innerClusters + " clusters for " + deviance.observations + " rows");
        }
    }

    private static Optimum minimise(NestedDeviance deviance) {
        int m = deviance.parameters();
        double[] phi = new double[m];
        // lme4's start, theta = 1.
        Arrays.fill(phi, 1.0);
        NestedDeviance.State state = deviance.evaluate(phi);
        if (state == null) {
            throw new IllegalArgumentException("the model cannot be evaluated at its starting values");
        }
        double value = deviance.profiledDeviance(state);
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            double[] gradient = deviance.profiledGradient(state);
            boolean[] free = new boolean[m];
            boolean anyFree = false;
            for (int l = 0; l < m; l++) {
                free[l] = phi[l] > 0 || gradient[l] < 0;
                anyFree |= free[l];
            }
            if (!anyFree) {
                return new Optimum(state, true);
            }
            double[] direction = newtonDirection(deviance, phi, gradient, free);
            double scale = 1;
            double[] candidate = null;
            NestedDeviance.State next = null;
            for (int halving = 0; halving <= MAX_HALVINGS; halving++) {
                candidate = new double[m];
                for (int l = 0; l < m; l++) {
                    candidate[l] = Math.max(0, phi[l] + scale * direction[l]);
                }
                next = deviance.evaluate(candidate);
                if (next != null && deviance.profiledDeviance(next) <= value + 1e-14 * Math.abs(value)) {
                    break;
                }
                next = null;
                scale /= 2;
            }
            if (next == null) {
                // No step along the Newton direction lowers the deviance: a minimum to working precision.
                return new Optimum(state, true);
            }
            double change = 0;
            for (int l = 0; l < m; l++) {
                change = Math.max(change, Math.abs(candidate[l] - phi[l]) / (1 + phi[l]));
            }
            phi = candidate;
            state = next;
            value = deviance.profiledDeviance(state);
            if (change <= CONVERGENCE) {
                return new Optimum(state, true);
            }
        }
        return new Optimum(state, false);
    }

    /** {@code -H_FF^-1 g_F} on the free ratios; a scaled gradient step where H_FF is not positive definite. */
    private static double[] newtonDirection(NestedDeviance deviance, double[] phi, double[] gradient, boolean[] free) {
        int m = phi.length;
        double[][] hessian = new double[m][m];
        for (int l = 0; l < m; l++) {
            if (!free[l]) {
                continue;
            }
            double h = 1e-5 * Math.max(phi[l], 1e-3);
            double[] up = phi.clone();
            double[] down = phi.clone();
            up[l] += h;
            down[l] = Math.max(0, phi[l] - h);
            NestedDeviance.State upper = deviance.evaluate(up);
            NestedDeviance.State lower = deviance.evaluate(down);
            if (upper == null || lower == null) {
                continue;
            }
            double[] gUp = deviance.profiledGradient(upper);
            double[] gDown = deviance.profiledGradient(lower);
            for (int k = 0; k < m; k++) {
                hessian[k][l] = (gUp[k] - gDown[k]) / (up[l] - down[l]);
            }
        }
        int[] index = new int[m];
        int size = 0;
        for (int l = 0; l < m; l++) {
            if (free[l]) {
                index[size++] = l;
            }
        }
        double[][] reduced = new double[size][size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                reduced[a][b] = 0.5 * (hessian[index[a]][index[b]] + hessian[index[b]][index[a]]);
            }
        }
        double[] direction = new double[m];
        double[][] inverse = LinearAlgebra.invertPositiveDefinite(reduced);
        for (int a = 0; a < size; a++) {
            int l = index[a];
            if (inverse != null) {
                for (int b = 0; b < size; b++) {
                    direction[l] -= inverse[a][b] * gradient[index[b]];
                }
            } else {
                double curvature = Math.abs(reduced[a][a]);
                direction[l] = -gradient[l] / (curvature > 0 ? curvature : 1);
            }
        }
        return direction;
    }

    private static MixedModelFit assemble(List<String> termNames, Estimation estimation, NestedDeviance deviance,
                                          Optimum optimum, boolean collapsed) {
        NestedDeviance.State state = optimum.state();
        int p = deviance.p;
        int m = deviance.parameters();
        double sigma2 = state.residualSquares() / deviance.residualDf();
        double sigma = Math.sqrt(sigma2);
        double[] theta = new double[m];
        for (int l = 0; l < m; l++) {
            theta[l] = Math.sqrt(state.phi()[l]);
        }
        double[][] covariance = scaled(state.gInverse(), sigma2);

        double[][][] jacobian = new double[m + 1][][];
        for (int l = 0; l < m; l++) {
            double[][] sandwich = LinearAlgebra.multiply(LinearAlgebra.multiply(state.gInverse(),
                    state.crossScore()[l]), state.gInverse());
            jacobian[l] = scaled(sandwich, 2 * theta[l] * sigma2);
        }
        jacobian[m] = scaled(state.gInverse(), 2 * sigma);
        double[] parameters = Arrays.copyOf(theta, m + 1);
        parameters[m] = sigma;
        double[][] hessian = hessian(deviance, parameters);
        double[][] inverseHessian = hessian == null ? null : LinearAlgebra.invertPositiveDefinite(hessian);
        double[][] parameterCovariance = inverseHessian == null ? null : scaled(inverseHessian, 2);

        double criterion = deviance.profiledDeviance(state);
        double outer = deviance.hasOuter ? state.phi()[NestedDeviance.OUTER] * sigma2 : 0;
        double inner = state.phi()[NestedDeviance.INNER] * sigma2;
        double[] reportedTheta = theta;
        if (collapsed) {
            outer = inner;
            inner = 0;
            reportedTheta = new double[] {0, theta[0]};
        }
        int outerClusters = deviance.hasOuter || collapsed ? deviance.outerClusters : 0;
        MixedModelFit partial = new MixedModelFit(estimation, List.copyOf(termNames), state.beta().clone(), covariance,
                List.of(), VarianceComponents.of(outer, inner, sigma2), -criterion / 2, criterion,
                deviance.observations, deviance.innerClusters, outerClusters, optimum.converged(), "Satterthwaite",
                jacobian, parameterCovariance, reportedTheta, deviance.evaluations());
        List<FixedEffect> effects = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            double[] unit = new double[p];
            unit[j] = 1;
            TestResult test = partial.contrast(unit);
            effects.add(new FixedEffect(termNames.get(j), test.estimate(), test.standardError(), test.df(), test.t(),
                    test.p(), test.ciLower(), test.ciUpper()));
        }
        return new MixedModelFit(estimation, partial.termNames(), partial.coefficients(), covariance,
                List.copyOf(effects), partial.variance(), partial.logLikelihood(), criterion, partial.observations(),
                partial.innerClusters(), partial.outerClusters(), partial.converged(), partial.dfMethod(), jacobian,
                parameterCovariance, reportedTheta, deviance.evaluations());
    }

    /**
     * The Hessian of {@code D(theta, sigma)} by central differences of its analytic gradient, with one
     * Richardson extrapolation ({@code (4 H(h/2) - H(h)) / 3}, error O(h^4)), as lmerTest takes it from
     * numDeriv's Richardson-extrapolated differences.
     *
     * @return the Hessian, or {@code null} where the likelihood cannot be evaluated nearby
     */
    private static double[][] hessian(NestedDeviance deviance, double[] parameters) {
        double[][] coarse = centralDifferences(deviance, parameters, 1);
        double[][] fine = centralDifferences(deviance, parameters, 0.5);
        if (coarse == null || fine == null) {
            return null;
        }
        int m = parameters.length;
        double[][] hessian = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double extrapolatedAb = (4 * fine[a][b] - coarse[a][b]) / 3;
                double extrapolatedBa = (4 * fine[b][a] - coarse[b][a]) / 3;
                hessian[a][b] = 0.5 * (extrapolatedAb + extrapolatedBa);
            }
        }
        return hessian;
    }

    private static double[][] centralDifferences(NestedDeviance deviance, double[] parameters, double fraction) {
        int m = parameters.length;
        int thetas = m - 1;
        double[][] result = new double[m][m];
        for (int k = 0; k < m; k++) {
            double h = fraction * 1e-4 * Math.max(Math.abs(parameters[k]), 1e-2);
            double[] up = parameters.clone();
            double[] down = parameters.clone();
            up[k] += h;
            down[k] -= h;
            double[] gUp = deviance.varianceParameterGradient(Arrays.copyOf(up, thetas), up[thetas]);
            double[] gDown = deviance.varianceParameterGradient(Arrays.copyOf(down, thetas), down[thetas]);
            if (gUp == null || gDown == null) {
                return null;
            }
            for (int a = 0; a < m; a++) {
                result[a][k] = (gUp[a] - gDown[a]) / (2 * h);
            }
        }
        return result;
    }

    private static double[][] scaled(double[][] matrix, double factor) {
        double[][] result = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            result[i] = new double[matrix[i].length];
            for (int j = 0; j < matrix[i].length; j++) {
                result[i][j] = factor * matrix[i][j];
            }
        }
        return result;
    }

    private record Optimum(NestedDeviance.State state, boolean converged) {
    }
}
