package org.balintobservatory.analytics.answer.comparison.engine;

/**
 * One level's variance in the multilevel model ({@code rma.mv}'s "Variance Components").
 *
 * @param factor {@code institution} or {@code institution/unit}
 * @param levels how many distinct institutions or units
 * @param i2     the share of the total variance at this level, percent (Cheung 2014)
 */
public record Component(String factor, int levels, Double sigma2, Double i2) {
}
