package org.balintobservatory.metaanalysis.model;

import org.balintobservatory.metaanalysis.numerics.Distributions;
import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

import java.util.Arrays;

/**
 * The one model behind every public entry point: {@code y_i = x_i'beta + u_i + e_i} with
 * {@code u_i ~ N(0, tau^2)} and {@code e_i ~ N(0, v_i)}, fitted as metafor's {@code rma.uni}
 * (Viechtbauer, 2010, J Stat Softw 36(3)). The random-effects model is the case {@code X = 1}.
 *
 * <p>Inputs are already cleaned by the callers: finite {@code y}, positive finite {@code v}, finite
 * {@code X} with an intercept column first.
 */
public final class MixedEffectsEngine {

    /** metafor's {@code control$threshold}: Fisher scoring stops once tau^2 moves by at most this. */
    static final double REML_THRESHOLD = 1e-5;

    /** metafor's {@code control$maxiter}. */
    static final int REML_MAX_ITERATIONS = 100;

    /**
     * metafor's {@code control$tol = .Machine$double.eps^0.25}: how much higher the REML
     * log-likelihood at tau^2 = 0 must be before a positive estimate is rejected as a local maximum.
     */
    static final double LOG_LIKELIHOOD_TOLERANCE = Math.pow(Math.ulp(1.0), 0.25);

    /**
     * metafor's {@code control$stepadj}, tried in turn: the default 1, then halved, as metafor's
     * documentation advises when Fisher scoring does not converge.
     */
    static final double[] STEP_ADJUSTMENTS = {1, 0.5, 0.25, 0.125};

    private static final double LOG_2_PI = Math.log(2 * Math.PI);

    private MixedEffectsEngine() {
    }

    /**
     * @param y       effect sizes
     * @param v       sampling variances
     * @param x       design matrix, k rows of p columns, intercept first
     * @param p       number of columns (given separately because an empty design has no row to tell)
     * @param options estimator, test and level
     * @return the fit; not estimable, with the reason in its notes, when the data cannot support it
     */
    public static ModelFit fit(double[] y, double[] v, double[][] x, int p, ModelOptions options) {
        int k = y.length;
        EstimationMethod method = options.method();
        ModelFit fit = new ModelFit(k, p, method, options.test(), options.level());
        if (k == 0) {
            return fit.notEstimable("No study with a usable effect size and sampling variance; nothing to pool.");
        }
        if (k == 1 && fit.test == TestType.KNHA) {
            // As metafor: with one study there are no residual degrees of freedom for t(k - 1).
            fit.test = TestType.Z;
            fit.notes.add("Only one study: Knapp-Hartung needs k > 1, so z tests are used (as metafor's test=\"z\" fallback).");
        }
        boolean singleStudy = p == 1 && k == 1;
        int needed = method == EstimationMethod.FE ? p : p + 1;
        if (!singleStudy && k < needed) {
            return fit.notEstimable(k + " studies cannot estimate " + p + " coefficient(s)"
                    + (method == EstimationMethod.FE ? "" : " and tau^2") + "; at least " + needed + " are needed.");
        }
        double[] unitWeights = new double[k];
        Arrays.fill(unitWeights, 1.0);
        if (LinearAlgebra.inverseCrossProduct(x, unitWeights) == null) {
            return fit.notEstimable("The design matrix is rank deficient (a moderator is constant or collinear"
                    + " with the others among the included studies); its coefficients are not identifiable.");
        }

        try {
            if (singleStudy) {
                fit.tau2 = 0;
                fit.notes.add("Only one study: tau^2 is set to 0 and heterogeneity (Q, I^2, H^2) cannot be assessed.");
            } else if (method == EstimationMethod.FE) {
                fit.tau2 = 0;
            } else if (method == EstimationMethod.DL) {
                estimateDerSimonianLaird(fit, y, v, x);
            } else if (!estimateByFisherScoring(fit, y, v, x)) {
                return fit;
            }
            fitFixedEffects(fit, y, v, x);
            testModerators(fit);
            assessHeterogeneity(fit, y, v, x);
        } catch (NumericalFailure failure) {
            fit.tau2 = Double.NaN;
            fit.tau2Se = Double.NaN;
            return fit.notEstimable(failure.getMessage());
        }
        fit.estimable = true;
        return fit;
    }

    /**
     * Weighted fit that cannot be rank deficient, since the design passed the unit-weight check
     * and weights are positive; only extreme weight ratios can make it numerically singular.
     */
    private static WeightedFit weightedFit(double[][] x, double[] w, double[] y) {
        WeightedFit fit = WeightedFit.of(x, w, y);
        if (fit == null) {
            throw new NumericalFailure("The weighted design matrix is numerically singular (sampling variances"
                    + " differ by too many orders of magnitude); the model cannot be fitted.");
        }
        return fit;
    }

    /** Signals a numerical breakdown inside a fit; turned into a not-estimable result. */
    private static final class NumericalFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NumericalFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Generalized DerSimonian-Laird: {@code tau^2 = max(0, (Q_E - (k - p)) / tr(P))} with
     * fixed-effect weights; its standard error is metafor's
     * {@code sqrt((2(k-p) + 4 tau^2 tr(P) + 2 tau^4 tr(PP)) / tr(P)^2)}.
     */
    private static void estimateDerSimonianLaird(ModelFit fit, double[] y, double[] v, double[][] x) {
        int residualDf = fit.k - fit.p;
        WeightedFit fixed = weightedFit(x, inverse(v, 0), y);
        double tau2 = Math.max(0, (fixed.rss - residualDf) / fixed.traceP);
        double traceP = fixed.traceP;
        fit.tau2 = tau2;
        fit.tau2Se = Math.sqrt((2.0 * residualDf + 4 * tau2 * traceP + 2 * tau2 * tau2 * fixed.tracePP())
                / (traceP * traceP));
    }

    /**
     * REML by Fisher scoring, step for step as metafor, so that the returned estimate is the same
     * iterate metafor stops at (not merely the same optimum): Hedges-type start
     * {@code max(0, (RSS_OLS - tr(P_OLS V)) / (k - p))}, step
     * {@code stepadj * (y'PPy - tr(P)) / tr(PP)}, step halving to stay non-negative, stop when the
     * change is at most 1e-5.
     *
     * <p>When the iteration does not converge with metafor's default {@code stepadj = 1} (it can
     * oscillate around a small tau^2), it is restarted with the step adjustments of
     * {@link #STEP_ADJUSTMENTS}, the remedy metafor's documentation gives for this failure
     * ({@code help(rma)}, "Note": "use control = list(stepadj = 0.5)"; Jennrich &amp; Sampson,
     * 1976, Technometrics 18(1), on step halving in Fisher scoring). The adjustment that converged
     * is reported, so that the same fit can be asked of metafor.
     *
     * @return {@code false} if no step adjustment converged (the fit is then marked not estimable)
     */
    private static boolean estimateByFisherScoring(ModelFit fit, double[] y, double[] v, double[][] x) {
        boolean ml = fit.method == EstimationMethod.ML;
        int k = fit.k;
        int p = fit.p;
        double[] unitWeights = new double[k];
        Arrays.fill(unitWeights, 1.0);
        WeightedFit ordinary = weightedFit(x, unitWeights, y);
        double sumV = 0;
        for (double vi : v) {
            sumV += vi;
        }
        double tracePV = sumV - LinearAlgebra.traceOfProduct(ordinary.inverse, LinearAlgebra.weightedCrossProduct(x, v));
        double start = Math.max(0, (ordinary.rss - tracePV) / (k - p));

        double tau2 = Double.NaN;
        for (double stepAdjustment : STEP_ADJUSTMENTS) {
            tau2 = fisherScoring(y, v, x, start, stepAdjustment, ml);
            if (!Double.isNaN(tau2)) {
                fit.stepAdjustment = stepAdjustment;
                if (stepAdjustment != 1) {
                    fit.notes.add(fit.method + " Fisher scoring did not converge with metafor's default step; it converged"
                            + " with the step halved to " + stepAdjustment + " (metafor: control = list(stepadj = "
                            + stepAdjustment + ")).");
                }
                break;
            }
        }
        if (Double.isNaN(tau2)) {
            fit.notEstimable(fit.method + " Fisher scoring did not converge within " + REML_MAX_ITERATIONS
                    + " iterations, neither with metafor's default step nor with the step halved down to "
                    + STEP_ADJUSTMENTS[STEP_ADJUSTMENTS.length - 1] + "; try method DL.");
            return false;
        }

        if (tau2 > REML_THRESHOLD) {
            double atZero = logLikelihood(x, v, y, 0, ml);
            double atEstimate = logLikelihood(x, v, y, tau2, ml);
            if (atZero - atEstimate > LOG_LIKELIHOOD_TOLERANCE) {
                fit.notes.add(fit.method + " Fisher scoring may have stopped at a local maximum; tau^2 set to 0 as metafor does.");
                tau2 = 0;
            }
        }
        fit.tau2 = tau2;
        double[] w = inverse(v, tau2);
        fit.tau2Se = Math.sqrt(2 / (ml ? sumOfSquares(w) : weightedFit(x, w, y).tracePP()));
        return true;
    }

    /**
     * One run of metafor's Fisher scoring loop with a fixed step adjustment.
     *
     * @return the converged tau^2, or {@code NaN} after {@link #REML_MAX_ITERATIONS} iterations
     */
    private static double fisherScoring(double[] y, double[] v, double[][] x, double start, double stepAdjustment,
                                        boolean ml) {
        double tau2 = start;
        double change = REML_THRESHOLD + 1;
        int iterations = 0;
        while (change > REML_THRESHOLD) {
            iterations++;
            double previous = tau2;
            WeightedFit current = weightedFit(x, inverse(v, tau2), y);
            double step = ml
                    ? (current.rssSquaredWeights - sum(current.weights)) / sumOfSquares(current.weights)
                    : (current.rssSquaredWeights - current.traceP) / current.tracePP();
            if (Double.isNaN(step)) {
                // As metafor: an undefined step (0/0) leaves tau^2 where it is.
                step = 0;
            } else if (Double.isInfinite(step)) {
                throw new NumericalFailure("REML Fisher scoring broke down (infinite step); try method DL.");
            }
            step *= stepAdjustment;
            // metafor halves any step that would make tau^2 negative; at tau^2 = 0 this shrinks a
            // negative step all the way to zero, which ends the iteration on the boundary.
            while (tau2 + step < 0) {
                step /= 2;
            }
            tau2 += step;
            change = Math.abs(previous - tau2);
            if (iterations > REML_MAX_ITERATIONS) {
                return Double.NaN;
            }
        }
        return tau2;
    }

    /**
     * REML log-likelihood without metafor's constant {@code log det(X'X)/2} term, or the ML
     * log-likelihood {@code -k/2 log 2pi - 1/2 sum log(v_i + tau^2) - 1/2 y'Py}.
     */
    private static double logLikelihood(double[][] x, double[] v, double[] y, double tau2, boolean ml) {
        WeightedFit fitAtTau2 = weightedFit(x, inverse(v, tau2), y);
        double sumLogVariance = 0;
        for (double vi : v) {
            sumLogVariance += Math.log(vi + tau2);
        }
        if (ml) {
            return -0.5 * y.length * LOG_2_PI - 0.5 * sumLogVariance - 0.5 * fitAtTau2.rss;
        }
        return -0.5 * (y.length - x[0].length) * LOG_2_PI - 0.5 * sumLogVariance
                - 0.5 * fitAtTau2.logDeterminant - 0.5 * fitAtTau2.rss;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }

    private static double sumOfSquares(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value * value;
        }
        return total;
    }

    /**
     * Weighted least squares with {@code w_i = 1/(v_i + tau^2)}: {@code b = (X'WX)^-1 X'Wy},
     * {@code Var(b) = (X'WX)^-1}, times the Knapp-Hartung factor under {@link TestType#KNHA}.
     */
    private static void fitFixedEffects(ModelFit fit, double[] y, double[] v, double[][] x) {
        int p = fit.p;
        WeightedFit weighted = weightedFit(x, inverse(v, fit.tau2), y);
        double scale = 1;
        if (fit.test == TestType.KNHA) {
            fit.df = fit.k - p;
            // metafor: s^2 = 0 when the residuals vanish, instead of 0/0 or a spurious tiny value.
            scale = weighted.rss <= Math.ulp(1.0) ? 0 : weighted.rss / (fit.k - p);
            if (scale == 0) {
                fit.notes.add("Knapp-Hartung scale factor is 0 because the weighted residuals vanish;"
                        + " standard errors are 0 as in metafor.");
            }
            fit.critical = Distributions.tCritical(fit.alpha(), fit.df);
        } else {
            fit.critical = Distributions.normalCritical(fit.alpha());
        }
        fit.scale = scale;
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < p; c++) {
                fit.covariance[r][c] = scale * weighted.inverse[r][c];
            }
        }
        for (int j = 0; j < p; j++) {
            double b = weighted.beta[j];
            double se = Math.sqrt(fit.covariance[j][j]);
            double statistic = b / se;
            fit.beta[j] = b;
            fit.se[j] = se;
            fit.statistic[j] = statistic;
            fit.pValue[j] = fit.test == TestType.KNHA
                    ? Distributions.twoSidedT(statistic, fit.df)
                    : Distributions.twoSidedNormal(statistic);
            fit.ciLower[j] = b - fit.critical * se;
            fit.ciUpper[j] = b + fit.critical * se;
        }
    }

    /**
     * Omnibus Wald test of all coefficients but the intercept (of the intercept alone when it is
     * the only one), as metafor's QM: {@code QM = b' Var(b)^-1 b} on the tested coefficients,
     * chi-square(m) under z tests, {@code QM/m} against F(m, k - p) under Knapp-Hartung.
     */
    public static void testModerators(ModelFit fit) {
        int p = fit.p;
        int[] tested = new int[p > 1 ? p - 1 : 1];
        for (int i = 0; i < tested.length; i++) {
            tested[i] = p > 1 ? i + 1 : 0;
        }
        int m = tested.length;
        double[] b = new double[m];
        double[][] sub = new double[m][m];
        for (int r = 0; r < m; r++) {
            b[r] = fit.beta[tested[r]];
            for (int c = 0; c < m; c++) {
                sub[r][c] = fit.covariance[tested[r]][tested[c]];
            }
        }
        double[][] subInverse = LinearAlgebra.invertPositiveDefinite(sub);
        double qm = subInverse == null ? Double.NaN : LinearAlgebra.quadraticForm(b, subInverse);
        fit.qmDf1 = m;
        if (fit.test == TestType.KNHA) {
            fit.qm = qm / m;
            fit.qmDf2 = fit.k - p;
            fit.qmPValue = Distributions.fUpper(fit.qm, m, fit.qmDf2);
        } else {
            fit.qm = qm;
            fit.qmPValue = Distributions.chiSquaredUpper(qm, m);
        }
    }

    /**
     * Cochran's Q / residual heterogeneity {@code Q_E = y'Py} with fixed-effect weights (df k - p),
     * and I^2, H^2 from tau^2 and the typical within-study variance
     * {@code s^2 = (k - p) / tr(P)}, which for {@code X = 1} is
     * {@code (k - 1) sum w / ((sum w)^2 - sum w^2)} (Higgins &amp; Thompson, 2002):
     * {@code I^2 = 100 tau^2 / (tau^2 + s^2)}, {@code H^2 = (tau^2 + s^2) / s^2}. For the
     * fixed-effect model metafor uses {@code I^2 = max(0, 100 (Q - df) / Q)}, {@code H^2 = Q / df}.
     */
    private static void assessHeterogeneity(ModelFit fit, double[] y, double[] v, double[][] x) {
        int residualDf = fit.k - fit.p;
        if (residualDf <= 0) {
            if (fit.k > 1) {
                fit.notes.add("No residual degrees of freedom (k = p): residual heterogeneity cannot be assessed.");
            }
            return;
        }
        WeightedFit fixed = weightedFit(x, inverse(v, 0), y);
        double qe = Math.max(0, fixed.rss);
        fit.qe = qe;
        fit.qePValue = Distributions.chiSquaredUpper(qe, residualDf);
        if (fit.method == EstimationMethod.FE) {
            fit.i2 = Math.max(0, 100 * (qe - residualDf) / qe);
            fit.h2 = qe / residualDf;
        } else {
            double typicalVariance = residualDf / fixed.traceP;
            fit.i2 = 100 * fit.tau2 / (typicalVariance + fit.tau2);
            fit.h2 = fit.tau2 / typicalVariance + 1;
        }
    }

    public static double[] inverse(double[] v, double tau2) {
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = 1 / (v[i] + tau2);
        }
        return w;
    }
}
