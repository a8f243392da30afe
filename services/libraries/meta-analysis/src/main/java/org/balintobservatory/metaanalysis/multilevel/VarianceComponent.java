package org.balintobservatory.metaanalysis.multilevel;

/**
 * One level's variance in a multilevel model, as metafor's {@code rma.mv} prints it under
 * "Variance Components".
 *
 * @param factor  the level, as metafor names it: {@code institution} for the outer level,
 *                {@code institution/group} for the inner one
 * @param levels  how many distinct values the level has among the studies used ({@code nlvls})
 * @param sigma2  the estimated variance {@code sigma^2} of that level's random effects
 * @param i2      the share of the total variance due to this level, in percent (Cheung, 2014,
 *                Psychol Methods 19(2)): {@code 100 sigma_l^2 / (sum sigma^2 + s^2)},
 *                {@code s^2 = (k - p) / tr(P_FE)} the typical within-study variance
 */
public record VarianceComponent(String factor, int levels, double sigma2, double i2) {

    /** @return the standard deviation {@code sqrt(sigma^2)} */
    public double sigma() {
        return Math.sqrt(sigma2);
    }
}
