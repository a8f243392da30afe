package org.balintobservatory.metaanalysis.power;

/**
 * Power of the random-effects z test of a mean effect.
 *
 * @param k      units
 * @param se     the mean's standard error, {@code 1/sqrt(sum 1/(v_i + tau^2))}
 * @param lambda the chi-square noncentrality {@code (effect/se)^2}
 * @param power  the two-sided power
 */
public record MeanPower(int k, double se, double lambda, double power) {
}
