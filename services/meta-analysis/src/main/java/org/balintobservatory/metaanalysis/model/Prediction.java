package org.balintobservatory.metaanalysis.model;

/**
 * Predicted (average) true effect with confidence and prediction interval, as metafor's
 * {@code predict.rma}.
 *
 * <p>The prediction interval is {@code pred +- crit * sqrt(se^2 + tau^2)}, with {@code crit} the
 * normal quantile under z tests and the t(k - p) quantile under Knapp-Hartung (metafor's default
 * {@code pi.type}); it estimates where the true effect of a new comparable study would lie.
 *
 * @param estimate         predicted average effect {@code x'b}
 * @param se               its standard error {@code sqrt(x' V_b x)}
 * @param ciLower          lower confidence bound
 * @param ciUpper          upper confidence bound
 * @param predictionLower  lower prediction bound
 * @param predictionUpper  upper prediction bound
 */
public record Prediction(
        double estimate, double se, double ciLower, double ciUpper, double predictionLower, double predictionUpper) {
}
