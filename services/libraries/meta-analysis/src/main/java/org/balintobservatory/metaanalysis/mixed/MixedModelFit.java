package org.balintobservatory.metaanalysis.mixed;

import java.util.Arrays;
import java.util.List;

import org.balintobservatory.metaanalysis.numerics.Distributions;
import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

/**
 * A fitted {@link NestedInterceptModel}: what {@code summary()} of an lmerTest fit prints.
 *
 * <p>Satterthwaite's (1946) degrees of freedom for a combination {@code L'beta}, as lmerTest
 * computes them (Kuznetsova, Brockhoff &amp; Christensen 2017, J Stat Softw 82(13), sec. 3.2): with
 * the variance parameters {@code v = (theta_in[, theta_out], sigma)}, {@code C(v)} the covariance of
 * beta, {@code A = 2 H^-1} the asymptotic covariance of v from the Hessian H of the deviance
 * {@code D(v)} at the estimate, and {@code g_k = L' (dC/dv_k) L},
 * <pre>
 *   df = 2 (L'CL)^2 / (g'Ag)
 * </pre>
 *
 * @param estimation           REML or ML
 * @param termNames            the columns of X
 * @param coefficients         beta
 * @param covariance           {@code C = sigma^2 (X'V~^-1 X)^-1}, as {@code vcov(fit)}
 * @param fixedEffects         each coefficient with its Satterthwaite test
 * @param variance             variance components and intraclass correlations
 * @param logLikelihood        the maximised (restricted) log-likelihood, as {@code logLik(fit)}
 * @param criterion            {@code -2 logLikelihood}: lme4's REML criterion or ML deviance
 * @param observations         rows (participants)
 * @param innerClusters        inner clusters (groups)
 * @param outerClusters        outer clusters (institutions); 0 without an outer level
 * @param converged            whether the optimiser met its convergence criterion
 * @param dfMethod             {@code "Satterthwaite"}
 * @param covarianceJacobian   {@code dC/dv_k}, one p x p matrix per variance parameter
 * @param varianceParameterCovariance {@code A = 2 H^-1}; {@code null} if H is not positive definite
 *                             there, in which case every df is NaN
 * @param theta                the relative standard deviations {@code (sigma_in/sigma[, sigma_out/sigma])},
 *                             in the order of lme4's {@code getME(fit, "theta")}
 * @param likelihoodEvaluations how often the likelihood was evaluated: the fit's work, each
 *                             evaluation costing O(clusters x p^2)
 */
public record MixedModelFit(Estimation estimation, List<String> termNames, double[] coefficients, double[][] covariance,
                            List<FixedEffect> fixedEffects, VarianceComponents variance, double logLikelihood,
                            double criterion, long observations, int innerClusters, int outerClusters,
                            boolean converged, String dfMethod, double[][][] covarianceJacobian,
                            double[][] varianceParameterCovariance, double[] theta, long likelihoodEvaluations) {

    /** Confidence level of every interval. */
    static final double ALPHA = 0.05;

    /**
     * @param weights L, one weight per term
     * @return {@code L'beta} with its standard error, Satterthwaite df, t test and 95% interval, as
     *         {@code lmerTest::contest(fit, L, joint = FALSE, confint = TRUE)}; a combination without
     *         variance (a curve at its reference point) has NaN df, t and p and an interval of zero width
     */
    public TestResult contrast(double[] weights) {
        if (weights.length != coefficients.length) {
            throw new IllegalArgumentException("a contrast needs one weight per term: " + coefficients.length);
        }
        double estimate = 0;
        for (int j = 0; j < weights.length; j++) {
            estimate += weights[j] * coefficients[j];
        }
        double variance = LinearAlgebra.quadraticForm(weights, covariance);
        if (!(variance > 0)) {
            // A combination without variance, such as a curve at its own reference point: nothing to test.
            return new TestResult(estimate, 0, Double.NaN, Double.NaN, Double.NaN, estimate, estimate);
        }
        double df = satterthwaite(weights, variance);
        double se = Math.sqrt(variance);
        double t = estimate / se;
        double crit = Distributions.tCritical(ALPHA, df);
        return new TestResult(estimate, se, df, t, Distributions.twoSidedT(t, df), estimate - crit * se,
                estimate + crit * se);
    }

    /**
     * @param x a row of X
     * @return the fitted mean {@code x'beta} with its pointwise 95% confidence band: a point of a
     *         fitted curve; the same as {@link #contrast(double[])}
     */
    public TestResult predict(double[] x) {
        return contrast(x);
    }

    /**
     * The joint F test of {@code L beta = 0}, as lmerTest's {@code contestMD} computes it (Kuznetsova et al.
     * 2017, sec. 3.3; Fai &amp; Cornelius 1996): with the eigen decomposition {@code L C L' = P D P'} kept
     * to the eigenvalues above {@code sqrt(machine epsilon)} times the largest (q of them), the rows
     * {@code l_m} of {@code P'L} are independent contrasts with {@code t_m^2 = (l_m'beta)^2 / d_m} and
     * Satterthwaite df {@code nu_m}; {@code F = sum t_m^2 / q}, and its denominator df is
     * {@code 2E / (E - q)} with {@code E = sum nu_m / (nu_m - 2)} (2 if any {@code nu_m <= 2}; their mean
     * if all are equal; {@code nu_1} if q = 1).
     *
     * @param l the combinations, one row per combination, one column per term
     * @return F, its degrees of freedom and p-value
     */
    public JointTestResult jointTest(double[][] l) {
        int p = coefficients.length;
        for (double[] row : l) {
            if (row.length != p) {
                throw new IllegalArgumentException("each combination needs one weight per term: " + p);
            }
        }
        int rows = l.length;
        double[][] lcl = new double[rows][rows];
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < rows; b++) {
                lcl[a][b] = bilinear(l[a], covariance, l[b]);
            }
        }
        LinearAlgebra.Eigen eigen = LinearAlgebra.symmetricEigen(lcl);
        double tolerance = Math.max(Math.sqrt(Math.ulp(1.0)) * eigen.values()[0], 0);
        double sumT2 = 0;
        double[] nu = new double[rows];
        int q = 0;
        for (int m = 0; m < rows; m++) {
            double d = eigen.values()[m];
            if (!(d > tolerance)) {
                continue;
            }
            double[] contrast = new double[p];
            for (int a = 0; a < rows; a++) {
                for (int j = 0; j < p; j++) {
                    contrast[j] += eigen.vectors()[a][m] * l[a][j];
                }
            }
            double estimate = 0;
            for (int j = 0; j < p; j++) {
                estimate += contrast[j] * coefficients[j];
            }
            sumT2 += estimate * estimate / d;
            nu[q++] = satterthwaite(contrast, d);
        }
        if (q == 0) {
            throw new IllegalArgumentException("the combinations have no variance: L C L' is 0");
        }
        double f = sumT2 / q;
        double df = fDenominatorDf(Arrays.copyOf(nu, q));
        return new JointTestResult(q, df, f, Distributions.fUpper(f, q, df));
    }

    /** lmerTest's {@code get_Fstat_ddf}. */
    private static double fDenominatorDf(double[] nu) {
        if (nu.length == 1) {
            return nu[0];
        }
        boolean allEqual = true;
        for (int m = 1; m < nu.length; m++) {
            allEqual &= Math.abs(nu[m] - nu[m - 1]) < 1e-8;
        }
        if (allEqual) {
            return Arrays.stream(nu).average().orElseThrow();
        }
        double e = 0;
        for (double value : nu) {
            if (value <= 2) {
                return 2;
            }
            e += value / (value - 2);
        }
        return 2 * e / (e - nu.length);
    }

    private static double bilinear(double[] a, double[][] m, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                sum += a[i] * m[i][j] * b[j];
            }
        }
        return sum;
    }

    private double satterthwaite(double[] weights, double variance) {
        if (varianceParameterCovariance == null) {
            return Double.NaN;
        }
        double[] gradient = new double[covarianceJacobian.length];
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] = LinearAlgebra.quadraticForm(weights, covarianceJacobian[k]);
        }
        double denominator = LinearAlgebra.quadraticForm(gradient, varianceParameterCovariance);
        return 2 * variance * variance / denominator;
    }

    /** @return the fixed effect of that term */
    public FixedEffect fixedEffect(String term) {
        return fixedEffects.stream().filter(effect -> effect.term().equals(term)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such term: " + term));
    }
}
