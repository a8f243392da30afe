package org.balintobservatory.metaanalysis.power;

/**
 * Power of the z test of a meta-regression slope.
 *
 * @param k                   units now
 * @param meanVariance        their mean sampling variance, the variance a new unit is assumed to have
 * @param se                  the slope's standard error now, {@code sqrt([(X'W*X)^-1]_jj)}
 * @param lambda              the chi-square noncentrality {@code (slope/se)^2}
 * @param power               the two-sided power now
 * @param additional          units to add for the target power; 0 when it is reached now, {@code null} when
 *                            not within {@link PowerAnalysis#MAX_ADDITIONAL}
 * @param seWithAdditional    the slope's standard error with them; {@code null} when {@code additional} is
 * @param powerWithAdditional the power with them; {@code null} when {@code additional} is
 */
public record SlopePower(int k, double meanVariance, double se, double lambda, double power, Integer additional,
                         Double seWithAdditional, Double powerWithAdditional) {
}
