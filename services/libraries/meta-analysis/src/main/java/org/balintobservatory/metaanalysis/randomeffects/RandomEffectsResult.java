package org.balintobservatory.metaanalysis.randomeffects;

import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ExcludedStudy;
import org.balintobservatory.metaanalysis.model.ModelFit;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.model.TestType;

import java.util.ArrayList;
import java.util.List;

/**
 * Result of a fixed- or random-effects model without moderators, as metafor's
 * {@code rma(yi, vi, method, test)} with {@code predict()}.
 *
 * <p>Degenerate inputs: with no usable study, {@code estimable} is {@code false}, {@code k} is 0
 * and every number is {@code NaN}. With one study (k = 1), the estimate is {@code y_1}, its
 * standard error {@code sqrt(v_1)}, tau^2 = 0, z tests are used even if Knapp-Hartung was asked
 * for, and Q, I^2, H^2 and their p-value are {@code NaN} (metafor prints the placeholders
 * Q = 0, p = 1, I^2 = 0, H^2 = 1 there; this module reports them as unknown). When all effects are
 * identical, tau^2 = 0, I^2 = 0 and H^2 = 1 under REML/DL.
 *
 * @param estimable       whether a pooled estimate could be computed; see {@code notes} if not
 * @param k               number of studies used
 * @param method          estimator of tau^2
 * @param test            test actually used (Z when k = 1)
 * @param level           confidence level in percent
 * @param estimate        pooled (average) effect {@code mu = sum w_i y_i / sum w_i},
 *                        {@code w_i = 1/(v_i + tau^2)}
 * @param se              its standard error {@code sqrt(1 / sum w_i)}, times the Knapp-Hartung
 *                        factor under {@link TestType#KNHA}
 * @param statistic       z or t statistic {@code estimate / se}
 * @param df              degrees of freedom of t (k - 1) under Knapp-Hartung; {@code NaN} for z
 * @param pValue          two-sided p-value
 * @param ciLower         lower confidence bound
 * @param ciUpper         upper confidence bound
 * @param tau2            between-study variance (0 for {@link EstimationMethod#FE})
 * @param tau2Se          standard error of tau^2 as metafor reports it; {@code NaN} for FE and k = 1
 * @param i2              I^2 in percent (Higgins &amp; Thompson, 2002)
 * @param h2              H^2 (Higgins &amp; Thompson, 2002)
 * @param q               Cochran's Q with fixed-effect weights {@code 1/v_i}
 * @param qDf             its degrees of freedom, k - 1
 * @param qPValue         p-value of Q against chi-square(k - 1)
 * @param predictionLower lower bound of the prediction interval {@code mu - crit sqrt(se^2 + tau^2)}
 * @param predictionUpper upper bound of the prediction interval
 * @param excluded        studies left out, with reasons
 * @param notes           warnings and explanations of degenerate cases, in plain language
 * @param stepAdjustment  metafor's {@code control$stepadj} with which REML Fisher scoring converged
 *                        (1 unless the default step failed); {@code NaN} for other estimators
 */
public record RandomEffectsResult(
        boolean estimable,
        int k,
        EstimationMethod method,
        TestType test,
        double level,
        double estimate,
        double se,
        double statistic,
        double df,
        double pValue,
        double ciLower,
        double ciUpper,
        double tau2,
        double tau2Se,
        double i2,
        double h2,
        double q,
        int qDf,
        double qPValue,
        double predictionLower,
        double predictionUpper,
        List<ExcludedStudy> excluded,
        List<String> notes,
        double stepAdjustment) {

    public RandomEffectsResult {
        // Copies the lists so the result stays immutable.
        excluded = List.copyOf(excluded);
        notes = List.copyOf(notes);
    }

    /** @return the between-study standard deviation {@code sqrt(tau^2)} */
    public double tau() {
        return Math.sqrt(tau2);
    }

    static RandomEffectsResult from(ModelFit fit, List<ExcludedStudy> excluded, List<String> extraNotes) {
        Prediction prediction = fit.predict(new double[] {1.0});
        List<String> notes = new ArrayList<>(extraNotes);
        notes.addAll(fit.notes);
        return new RandomEffectsResult(fit.estimable, fit.k, fit.method, fit.test, fit.level,
                fit.beta[0], fit.se[0], fit.statistic[0], fit.df, fit.pValue[0], fit.ciLower[0], fit.ciUpper[0],
                fit.tau2, fit.tau2Se, fit.i2, fit.h2, fit.qe, fit.qeDf, fit.qePValue,
                prediction.predictionLower(), prediction.predictionUpper(), excluded, notes,
                fit.stepAdjustment);
    }
}
