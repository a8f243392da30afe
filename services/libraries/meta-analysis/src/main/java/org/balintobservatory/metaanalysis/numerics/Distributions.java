package org.balintobservatory.metaanalysis.numerics;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Tail probabilities and quantiles from Commons Statistics. Upper tails use the survival
 * functions directly, because {@code 1 - cdf} loses everything below about 1e-16 and metafor
 * reports p-values such as 2e-26 for Q. Shared by every model family of the library and by the one-stage
 * models of {@code org.balintobservatory.metaanalysis.mixed}.
 */
public final class Distributions {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Distributions() {
    }

    /** @return two-sided p-value of a z statistic */
    public static double twoSidedNormal(double z) {
        return Double.isNaN(z) ? Double.NaN : 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
    }

    /** @return two-sided p-value of a t statistic; {@code NaN} without positive degrees of freedom */
    public static double twoSidedT(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) {
            return Double.NaN;
        }
        return 2 * TDistribution.of(df).survivalProbability(Math.abs(t));
    }

    /** @return the upper {@code alpha/2} quantile of the standard normal */
    public static double normalCritical(double alpha) {
        return STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2);
    }

    /** @return the upper {@code alpha/2} quantile of t(df); {@code NaN} without positive df */
    public static double tCritical(double alpha, double df) {
        return df > 0 ? TDistribution.of(df).inverseSurvivalProbability(alpha / 2) : Double.NaN;
    }

    /** @return {@code P(X > q)} for X ~ chi-square(df); {@code NaN} for a NaN statistic */
    public static double chiSquaredUpper(double q, double df) {
        return Double.isNaN(q) ? Double.NaN : ChiSquaredDistribution.of(df).survivalProbability(q);
    }

    /** @return {@code P(X > f)} for X ~ F(df1, df2); {@code NaN} without positive df2 */
    public static double fUpper(double f, double df1, double df2) {
        if (Double.isNaN(f) || !(df2 > 0)) {
            return Double.NaN;
        }
        return FDistribution.of(df1, df2).survivalProbability(f);
    }
}
