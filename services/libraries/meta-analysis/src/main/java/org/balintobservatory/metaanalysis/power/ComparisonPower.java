package org.balintobservatory.metaanalysis.power;

import java.util.List;

/**
 * Power of the omnibus test of a categorical moderator to detect a stated difference between two levels.
 *
 * @param levels                every level's units and weight
 * @param df                    the test's degrees of freedom, levels - 1
 * @param criticalValue         the chi-square quantile the statistic must exceed
 * @param lambda                the noncentrality in the least favourable case: the stated difference between
 *                              {@code first} and {@code second}, every other level at their weighted mean
 * @param power                 the power now, the least the test has whenever two levels differ by the
 *                              stated difference
 * @param first                 one level of the least favourable pair
 * @param second                the other
 * @param additionalPerLevel    units to add to every level for the target power; 0 when it is reached now,
 *                              {@code null} when not within {@link PowerAnalysis#MAX_ADDITIONAL}
 * @param powerWithAdditional   the power with those units; {@code null} when they are
 */
public record ComparisonPower(List<LevelInformation> levels, int df, double criticalValue, double lambda, double power,
                              String first, String second, Integer additionalPerLevel, Double powerWithAdditional) {

    public ComparisonPower {
        levels = List.copyOf(levels);
    }
}
