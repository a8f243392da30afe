package org.balintobservatory.analytics.answer.comparison.engine;

import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;

import java.util.ArrayList;
import java.util.List;

import static org.balintobservatory.analytics.answer.comparison.engine.ModelFits.number;

/**
 * A random-effects model's summary as metafor prints it; {@code null} where a statistic is undefined, and
 * then {@code notes} says why (too few units, a fit that did not converge, no heterogeneity with one unit).
 *
 * @param stepAdjustment metafor's {@code control$stepadj} REML converged with (1 unless the default step
 *                       oscillated); {@code null} for DL
 * @param notes          the model's own notes, {@code null} when there are none
 */
public record Pooled(int k, Double estimate, Double se, Double statistic, Double pValue, Double ciLower,
                     Double ciUpper, Double predictionLower, Double predictionUpper, Double tau2, Double i2,
                     Double h2, Double q, int qDf, Double qPValue, Double stepAdjustment, List<String> notes,
                     List<Component> components, RobustTest robust) {

    public static Pooled of(RandomEffectsResult fit) {
        return of(fit, null, null);
    }

    static Pooled of(RandomEffectsResult fit, List<Component> components, RobustTest robust) {
        List<String> notes = new ArrayList<>(fit.notes());
        if (robust != null && robust.se() == null) {
            notes.add("No cluster-robust test: it needs a fitted model and at least two institutions.");
        }
        return new Pooled(fit.k(), number(fit.estimate()), number(fit.se()), number(fit.statistic()),
                number(fit.pValue()), number(fit.ciLower()), number(fit.ciUpper()), number(fit.predictionLower()),
                number(fit.predictionUpper()), number(fit.tau2()), number(fit.i2()), number(fit.h2()),
                number(fit.q()), fit.qDf(), number(fit.qPValue()), number(fit.stepAdjustment()),
                notes.isEmpty() ? null : notes, components, robust);
    }
}
