package org.balintobservatory.metaanalysis.power;

/**
 * What one level of a categorical moderator contributes to the power of the test between levels.
 *
 * @param level        the level
 * @param k            its units
 * @param meanVariance the mean of its units' sampling variances, the variance a new unit is assumed to have
 * @param weight       {@code sum 1/(v_i + tau^2)} over its units, the inverse variance of its mean
 */
public record LevelInformation(String level, int k, double meanVariance, double weight) {
}
