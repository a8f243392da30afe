package org.balintobservatory.metaanalysis.mixed;

import java.util.List;

import org.balintobservatory.metaanalysis.model.Distributions;
import org.balintobservatory.metaanalysis.model.LinearAlgebra;

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
 *                             lme4's {@code getME(fit, "theta")} in reverse order of its listing
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
     *         {@code lmerTest::contest(fit, L, joint = FALSE, confint = TRUE)}
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
