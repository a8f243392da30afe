package org.balintobservatory.metaanalysis.power;

import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * The noncentral chi-square distribution with {@code df} degrees of freedom and noncentrality
 * {@code lambda}, as R's {@code pchisq(x, df, ncp = lambda)}. Commons Statistics 1.1 has only the
 * central distribution, so the noncentral one is computed from its Poisson mixture (Johnson, Kotz &amp;
 * Balakrishnan 1995, <i>Continuous Univariate Distributions</i> 2, ch. 29, eq. 29.2):
 * <pre>
 *   P(X &gt; x) = sum_{j &gt;= 0} e^{-lambda/2} (lambda/2)^j / j!  *  Q(df/2 + j, x/2)
 *   P(X &lt;= x) = the same sum with P(df/2 + j, x/2)
 * </pre>
 * where P and Q are the regularized lower and upper incomplete gamma functions, so that each term is a
 * central chi-square probability with {@code df + 2j} degrees of freedom.
 *
 * <p>The sum starts at the largest Poisson weight, {@code j = floor(lambda/2)}, and runs outward in both
 * directions (Benton &amp; Krishnamoorthy 2003, Comput Stat Data Anal 43:249&ndash;267), until what is left is below
 * {@code 1e-17} of the sum: on the side where the incomplete-gamma factor grows, the rest is bounded by
 * the Poisson tail alone; on the other, by the Poisson tail times the current factor. The Poisson tails
 * are bounded by geometric series, since the ratio of successive weights is {@code (lambda/2)/(j+1)} going
 * up and {@code j/(lambda/2)} going down. The weights are those ratios applied to the weight at the mode,
 * which comes from Commons Statistics' Poisson distribution (Loader's saddle-point expansion, as R's
 * {@code dpois}): {@code exp(-mu + j log mu - log j!)} would lose about {@code j log mu} units in the last
 * place, 1e-13 for {@code lambda = 1000}. Each tail is summed directly rather than as one minus the
 * other, so an upper tail of 1e-20 keeps its digits (power is the upper tail).
 */
public final class NoncentralChiSquared {

    /** The largest noncentrality the series is summed for (it takes about {@code sqrt(lambda)} terms). */
    public static final double MAX_NONCENTRALITY = 1e9;

    private static final double RELATIVE_TOLERANCE = 1e-17;

    private NoncentralChiSquared() {
    }

    /**
     * @return {@code P(X > x)}, R's {@code pchisq(x, df, ncp = lambda, lower.tail = FALSE)}
     * @throws IllegalArgumentException if {@code df} is not positive or {@code lambda} is negative or
     *                                  either is not finite, or {@code lambda} exceeds {@link #MAX_NONCENTRALITY}
     */
    public static double survival(double x, double df, double lambda) {
        check(df, lambda);
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return mixture(x, df, lambda, true);
    }

    /**
     * @return {@code P(X <= x)}, R's {@code pchisq(x, df, ncp = lambda)}
     * @throws IllegalArgumentException as {@link #survival}
     */
    public static double cdf(double x, double df, double lambda) {
        check(df, lambda);
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return mixture(x, df, lambda, false);
    }

    private static void check(double df, double lambda) {
        if (!(df > 0) || !Double.isFinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be positive and finite, got " + df);
        }
        if (!(lambda >= 0) || !(lambda <= MAX_NONCENTRALITY)) {
            throw new IllegalArgumentException("noncentrality must lie in [0, " + MAX_NONCENTRALITY + "], got " + lambda);
        }
    }

    /**
     * The Poisson mixture of central tails. For the upper tail Q(df/2 + j, x/2) grows with j, for the lower
     * tail P(df/2 + j, x/2) shrinks with j; that decides which side's remainder may use the current factor.
     */
    private static double mixture(double x, double df, double lambda, boolean upper) {
        double half = x / 2;
        double mu = lambda / 2;
        if (mu == 0) {
            return tail(df / 2, half, upper);
        }
        int mode = (int) Math.floor(mu);
        double modeWeight = PoissonDistribution.of(mu).probability(mode);
        double sum = 0;

        // From the mode upward.
        double weight = modeWeight;
        for (int j = mode; ; j++) {
            if (j > mode) {
                weight *= mu / j;
            }
            double factor = tail(df / 2 + j, half, upper);
            sum += weight * factor;
            double ratio = mu / (j + 1);
            if (ratio < 1) {
                double rest = weight * ratio / (1 - ratio) * (upper ? 1 : factor);
                if (rest <= RELATIVE_TOLERANCE * sum || rest < Double.MIN_NORMAL) {
                    break;
                }
            }
        }
        // Below the mode, down to j = 0.
        weight = modeWeight;
        for (int j = mode - 1; j >= 0; j--) {
            weight *= (j + 1) / mu;
            double factor = tail(df / 2 + j, half, upper);
            sum += weight * factor;
            double ratio = j / mu;
            if (ratio < 1) {
                double rest = weight * ratio / (1 - ratio) * (upper ? factor : 1);
                if (rest <= RELATIVE_TOLERANCE * sum || rest < Double.MIN_NORMAL) {
                    break;
                }
            }
        }
        return Math.min(1, sum);
    }

    private static double tail(double a, double half, boolean upper) {
        return upper ? RegularizedGamma.Q.value(a, half) : RegularizedGamma.P.value(a, half);
    }
}
