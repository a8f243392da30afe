package org.balintobservatory.metaanalysis.randomeffects;

import java.util.List;
import java.util.Objects;

import org.balintobservatory.metaanalysis.effectsize.EffectSize;
import org.balintobservatory.metaanalysis.model.MixedEffectsEngine;
import org.balintobservatory.metaanalysis.model.ModelFit;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.StudyFilter;

/**
 * Pools effect sizes with a random-effects (or fixed-effect) model, as metafor's
 * {@code rma(yi, vi, method, test, level)} followed by {@code predict()} (Viechtbauer, 2010,
 * J Stat Softw 36(3)).
 *
 * <p>The model is {@code y_i = mu + u_i + e_i}, {@code u_i ~ N(0, tau^2)}, {@code e_i ~ N(0, v_i)}.
 * tau^2 is estimated by REML (Viechtbauer, 2005) or DerSimonian &amp; Laird (1986); then
 * <pre>
 *   w_i  = 1 / (v_i + tau^2)
 *   mu   = sum w_i y_i / sum w_i,          se(mu) = sqrt(1 / sum w_i)
 *   Knapp-Hartung (2003): se(mu) * sqrt(sum w_i (y_i - mu)^2 / (k - 1)), t(k - 1)
 *   Q    = sum (y_i - mu_FE)^2 / v_i  with mu_FE the fixed-effect estimate, df k - 1
 *   s^2  = (k - 1) sum(1/v_i) / ((sum 1/v_i)^2 - sum 1/v_i^2)
 *   I^2  = 100 tau^2 / (tau^2 + s^2),      H^2 = (tau^2 + s^2) / s^2   (Higgins &amp; Thompson, 2002)
 *   PI   = mu +- crit * sqrt(se(mu)^2 + tau^2)
 * </pre>
 *
 * <p>Nothing here throws for degenerate data; see {@link RandomEffectsResult} for k = 0 and k = 1,
 * and {@link #fit(double[], double[], ModelOptions)} for which studies are excluded.
 */
public final class RandomEffectsModel {

    private RandomEffectsModel() {
    }

    /**
     * Fits with metafor's defaults (REML, z tests, 95 %).
     *
     * @param yi effect sizes
     * @param vi sampling variances
     * @return the pooled result
     */
    public static RandomEffectsResult fit(double[] yi, double[] vi) {
        return fit(yi, vi, ModelOptions.DEFAULTS);
    }

    /**
     * Fits the model to the studies with finite {@code yi} and finite, positive {@code vi}; the
     * others are reported in {@link RandomEffectsResult#excluded()} with their array index.
     *
     * @param yi      effect sizes
     * @param vi      sampling variances, same length
     * @param options estimator, test and level
     * @return the pooled result; not estimable (with the reason in its notes) when no study is usable
     * @throws IllegalArgumentException if the arrays differ in length (a programming error, not a
     *                                  data problem)
     */
    public static RandomEffectsResult fit(double[] yi, double[] vi, ModelOptions options) {
        requireSameLength(yi, vi);
        Objects.requireNonNull(options, "options");
        return fit(StudyFilter.filter(yi, vi, null, null), yi.length, options);
    }

    /**
     * Fits the model to computed effect sizes; those that are not computable are excluded with
     * their own reason, and indices in {@link RandomEffectsResult#excluded()} are list positions.
     *
     * @param effects effect sizes, e.g. one per institution
     * @param options estimator, test and level
     * @return the pooled result
     */
    public static RandomEffectsResult fit(List<EffectSize> effects, ModelOptions options) {
        Objects.requireNonNull(options, "options");
        return fit(StudyFilter.filter(effects, null), effects.size(), options);
    }

    private static RandomEffectsResult fit(StudyFilter.Included included, int total, ModelOptions options) {
        ModelFit fit = MixedEffectsEngine.fit(included.y(), included.v(), included.x(), 1, options);
        return RandomEffectsResult.from(fit, included.excluded(),
                StudyFilter.exclusionNotes(included.excluded(), total));
    }

    public static void requireSameLength(double[] yi, double[] vi) {
        if (yi.length != vi.length) {
            throw new IllegalArgumentException("yi and vi differ in length: " + yi.length + " vs " + vi.length);
        }
    }
}
