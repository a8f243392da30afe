package org.balintobservatory.metaanalysis.diagnostics;

import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;

import java.util.List;

/**
 * Trim-and-fill (Duval &amp; Tweedie, 2000, Biometrics 56(2)), as metafor's {@code trimfill()} with
 * its default L0 estimator: a small-study diagnostic, not a correction for publication bias.
 *
 * @param estimable whether it could be computed; {@code notes} say why not
 * @param k0        estimated number of studies missing on the {@code side}
 * @param k0Se      standard error of k0
 * @param side      {@code "left"} or {@code "right"}: where studies are imputed
 * @param filledYi  the imputed effects, mirror images {@code 2 b - y_i} of the k0 most extreme ones
 * @param filledVi  their sampling variances
 * @param adjusted  the model fitted to the observed and imputed studies
 * @param notes     explanations
 */
public record TrimAndFillResult(boolean estimable, int k0, double k0Se, String side, List<Double> filledYi,
                                List<Double> filledVi, RandomEffectsResult adjusted, List<String> notes) {

    public TrimAndFillResult {
        filledYi = List.copyOf(filledYi);
        filledVi = List.copyOf(filledVi);
        notes = List.copyOf(notes);
    }
}
