package org.balintobservatory.metaanalysis.power;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * The power of the random-effects tests a consortium runs, before it decides whether to recruit more units:
 * the z test of a mean effect, the omnibus test of a categorical moderator (metafor's QM of
 * {@code rma(yi, vi, mods = ~ factor(m))}) and the z test of a meta-regression slope, each with the units it
 * has now and with the units it would need for a target power.
 *
 * <p>Every unit has sampling variance {@code v_i}; with the residual heterogeneity {@code tau^2} its
 * random-effects weight is {@code w*_i = 1/(v_i + tau^2)}. The formulas are Hedges &amp; Pigott's:
 * <ul>
 *   <li><b>Mean effect</b> (Hedges &amp; Pigott 2001, Psychol Methods 6:203&ndash;217, the z
 *       approximation): {@code v* = 1/sum w*_i}, {@code lambda = mu / sqrt(v*)}, two-sided power
 *       {@code 1 - Phi(c - lambda) + Phi(-c - lambda)} with {@code c = Phi^-1(1 - alpha/2)}.</li>
 *   <li><b>Categorical moderator</b> (Hedges &amp; Pigott 2004, Psychol Methods 9:426&ndash;445, the
 *       mixed-effects between-groups test): with the level weights {@code w*_l = sum_{i in l} w*_i} and
 *       level means {@code theta_l}, {@code Q*_B} is noncentral chi-square with {@code p - 1} df and
 *       noncentrality {@code lambda = sum_l w*_l (theta_l - theta*)^2}, {@code theta* = sum w*_l theta_l /
 *       sum w*_l}; power {@code = P(chi'^2(p - 1, lambda) > chi^2_{1-alpha}(p - 1))}.</li>
 *   <li><b>Meta-regression slope</b> (Hedges &amp; Pigott 2004, the mixed-effects regression test):
 *       {@code Var(b) = (X'W*X)^-1}, and the z test of {@code beta_j} has {@code lambda = beta_j /
 *       sqrt([(X'W*X)^-1]_jj)} with the two-sided power of the mean effect.</li>
 * </ul>
 * A two-sided z test with {@code lambda} has the power of the chi-square test with 1 df and noncentrality
 * {@code lambda^2}; results report that chi-square noncentrality for every test, so they compare.
 *
 * <p><b>A stated difference between levels.</b> A researcher states the smallest difference {@code delta}
 * worth detecting between any two levels, not every level's mean. Whatever the other levels' means, if
 * levels {@code a} and {@code b} differ by {@code delta} then
 * {@code lambda >= w*_a (theta_a - theta*)^2 + w*_b (theta_b - theta*)^2 >= delta^2 w*_a w*_b / (w*_a + w*_b)},
 * the minimum over {@code theta*} of the two terms, reached when every other level sits at the weighted mean
 * of {@code a} and {@code b}. So {@code lambda_min = delta^2 min_{a<b} w*_a w*_b / (w*_a + w*_b)}, and the
 * power reported is the least the omnibus test has whenever some two levels differ by {@code delta}; the pair
 * that attains it is named. With two levels it is the z test of their difference.
 *
 * <p><b>More units.</b> New units are assumed to resemble the current ones, as Hedges &amp; Pigott's
 * planning formulas assume studies with a typical sampling variance: a new unit of level {@code l} has that level's mean sampling
 * variance {@code vbar_l}, so {@code m} more units in every level give {@code w*_l + m/(vbar_l + tau^2)}; for
 * a slope, {@code n} more units have the current units' moderator values in their current proportions and
 * the mean sampling variance {@code vbar}, so {@code X'W*X + (n/k) X'X / (vbar + tau^2)}. The residual
 * {@code tau^2} is held at its current estimate. The smallest such {@code m} or {@code n} with at least the
 * target power is found by doubling and then bisection (power only grows with it), up to
 * {@link #MAX_ADDITIONAL}; beyond that the answer is "not within reach".
 *
 * <p>These are the z and chi-square approximations the references use: they treat {@code tau^2} and the
 * {@code v_i} as known, as the Wald tests of metafor's {@code rma(..., test = "z")} do.
 */
public final class PowerAnalysis {

    /** The power a consortium conventionally plans for (Cohen 1988). */
    public static final double CONVENTIONAL_POWER = 0.8;

    /** The most additional units per level (or in all, for a slope) the search considers. */
    public static final int MAX_ADDITIONAL = 1_000_000;

    /** Above this noncentrality (and a critical value below a tenth of it) a chi-square test's power is 1. */
    private static final double CERTAIN_NONCENTRALITY = 1e5;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private PowerAnalysis() {
    }

    /**
     * The power of a two-sided z test at level {@code alpha} when the statistic is normal with mean
     * {@code lambda} and variance 1 (Hedges &amp; Pigott 2001).
     *
     * @param lambda the expected z statistic, effect over its standard error
     * @param alpha  the two-sided significance level
     * @return {@code 1 - Phi(c - lambda) + Phi(-c - lambda)}, {@code c = Phi^-1(1 - alpha/2)}
     */
    public static double zTest(double lambda, double alpha) {
        checkAlpha(alpha);
        double c = STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2);
        return STANDARD_NORMAL.survivalProbability(c - lambda) + STANDARD_NORMAL.cumulativeProbability(-c - lambda);
    }

    /**
     * The power of a chi-square test with {@code df} degrees of freedom at level {@code alpha} when the
     * statistic is noncentral chi-square with noncentrality {@code lambda} (Hedges &amp; Pigott 2004).
     *
     * @return {@code P(chi'^2(df, lambda) > chi^2_{1-alpha}(df))}
     */
    public static double chiSquaredTest(double df, double lambda, double alpha) {
        checkAlpha(alpha);
        return beyond(ChiSquaredDistribution.of(df).inverseSurvivalProbability(alpha), df, lambda);
    }

    /**
     * {@code P(chi'^2(df, lambda) > critical)}. A noncentrality above {@link #CERTAIN_NONCENTRALITY} with a
     * critical value below a tenth of it gives 1, as summing would: by Chernoff's bounds the Poisson weight
     * below {@code j = lambda/8} is under {@code exp(-lambda/5)}, and a chi-square with at least
     * {@code lambda/4} df (every term from there on) falls below {@code lambda/10} with probability under
     * {@code 0.73^(lambda/8)}; both are far below the smallest double.
     */
    private static double beyond(double critical, double df, double lambda) {
        if (lambda > CERTAIN_NONCENTRALITY && critical < lambda / 10) {
            return 1;
        }
        return NoncentralChiSquared.survival(critical, df, lambda);
    }

    /**
     * Power of the random-effects test of a mean effect (Hedges &amp; Pigott 2001).
     *
     * @param vi     the units' sampling variances
     * @param tau2   the between-unit variance
     * @param effect the mean effect to detect
     * @param alpha  two-sided significance level
     * @return the power, with the mean's standard error and the chi-square noncentrality
     */
    public static MeanPower mean(double[] vi, double tau2, double effect, double alpha) {
        checkAlpha(alpha);
        checkVariances(vi, tau2);
        double se = 1 / Math.sqrt(weightSum(vi, tau2));
        double z = effect / se;
        return new MeanPower(vi.length, se, z * z, zTest(z, alpha));
    }

    /**
     * Power of the omnibus test of a categorical moderator to detect a stated difference between two levels,
     * now and with more units in every level.
     *
     * @param levels     the levels' names, in the order of {@code variances}
     * @param variances  for each level, its units' sampling variances (at least one unit each)
     * @param tau2       the residual between-unit variance common to the levels
     * @param difference the smallest difference between two levels' mean effects worth detecting
     * @param alpha      significance level of the test
     * @param target     the power wanted, for example {@link #CONVENTIONAL_POWER}
     * @return the power now, the least favourable pair of levels, and the additional units per level
     * @throws IllegalArgumentException for fewer than two levels, a level without units, a variance that is
     *                                  not finite and positive, a negative tau^2, a difference that is not
     *                                  finite, or alpha and target outside (0, 1)
     */
    public static ComparisonPower comparison(List<String> levels, List<double[]> variances, double tau2,
                                             double difference, double alpha, double target) {
        checkAlpha(alpha);
        checkTarget(target, alpha);
        checkDifference(difference);
        if (levels.size() != variances.size()) {
            throw new IllegalArgumentException(levels.size() + " level names for " + variances.size() + " levels");
        }
        if (levels.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two levels, got " + levels.size());
        }
        int p = levels.size();
        double[] weight = new double[p];
        double[] newUnitWeight = new double[p];
        List<LevelInformation> information = new ArrayList<>();
        for (int l = 0; l < p; l++) {
            double[] v = variances.get(l);
            if (v.length == 0) {
                throw new IllegalArgumentException("level " + levels.get(l) + " has no units");
            }
            checkVariances(v, tau2);
            weight[l] = weightSum(v, tau2);
            double meanVariance = mean(v);
            newUnitWeight[l] = 1 / (meanVariance + tau2);
            information.add(new LevelInformation(levels.get(l), v.length, meanVariance, weight[l]));
        }
        int df = p - 1;
        double critical = ChiSquaredDistribution.of(df).inverseSurvivalProbability(alpha);
        int[] pair = leastFavourablePair(weight);
        double lambda = noncentrality(weight, newUnitWeight, 0, difference);
        double power = beyond(critical, df, lambda);
        Integer additional = smallestAddition(m -> beyond(critical, df,
                noncentrality(weight, newUnitWeight, m, difference)), power, target);
        Double powerThen = additional == null ? null : beyond(critical, df,
                noncentrality(weight, newUnitWeight, additional, difference));
        return new ComparisonPower(information, df, critical, lambda, power, levels.get(pair[0]), levels.get(pair[1]),
                additional, powerThen);
    }

    /**
     * Power of the z test of one meta-regression coefficient to detect a stated slope, now and with more
     * units resembling the current ones.
     *
     * @param x           the design matrix, one row per unit, intercept column first
     * @param vi          the units' sampling variances
     * @param tau2        the residual between-unit variance
     * @param coefficient the column of {@code x} whose slope is tested (not the intercept, 0)
     * @param slope       the slope worth detecting, per unit of that column
     * @param alpha       two-sided significance level
     * @param target      the power wanted
     * @return the power now and the additional units needed
     * @throws IllegalArgumentException for ragged or mismatched input, a coefficient out of range, a
     *                                  variance that is not finite and positive, a negative tau^2, a slope
     *                                  that is not finite, alpha and target outside (0, 1), or a design whose
     *                                  {@code X'W*X} is singular (a constant or collinear moderator)
     */
    public static SlopePower slope(double[][] x, double[] vi, double tau2, int coefficient, double slope,
                                   double alpha, double target) {
        checkAlpha(alpha);
        checkTarget(target, alpha);
        checkDifference(slope);
        checkVariances(vi, tau2);
        int k = vi.length;
        if (x.length != k || k == 0) {
            throw new IllegalArgumentException("design matrix has " + x.length + " rows for " + k + " units");
        }
        int p = x[0].length;
        if (coefficient < 1 || coefficient >= p) {
            throw new IllegalArgumentException("coefficient " + coefficient + " is not a slope of a design with "
                    + p + " columns");
        }
        double[][] current = new double[p][p];
        double[][] perUnit = new double[p][p];
        double meanVariance = mean(vi);
        for (int i = 0; i < k; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException("design rows must have " + p + " columns, row " + i + " has "
                        + x[i].length);
            }
            double w = 1 / (vi[i] + tau2);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    current[a][b] += w * x[i][a] * x[i][b];
                    perUnit[a][b] += x[i][a] * x[i][b] / (k * (meanVariance + tau2));
                }
            }
        }
        double se = standardError(current, perUnit, 0, coefficient);
        if (!Double.isFinite(se)) {
            throw new IllegalArgumentException("X'W*X is singular: the moderator is constant or collinear");
        }
        double z = slope / se;
        double power = zTest(z, alpha);
        Integer additional = smallestAddition(n -> zTest(slope / standardError(current, perUnit, n, coefficient), alpha),
                power, target);
        Double seThen = additional == null ? null : standardError(current, perUnit, additional, coefficient);
        Double powerThen = seThen == null ? null : zTest(slope / seThen, alpha);
        return new SlopePower(k, meanVariance, se, z * z, power, additional, seThen, powerThen);
    }

    /** The pair of levels whose difference carries the least information: min of w_a w_b / (w_a + w_b). */
    private static int[] leastFavourablePair(double[] weight) {
        int[] pair = {0, 1};
        double least = Double.POSITIVE_INFINITY;
        for (int a = 0; a < weight.length; a++) {
            for (int b = a + 1; b < weight.length; b++) {
                double h = weight[a] * weight[b] / (weight[a] + weight[b]);
                if (h < least) {
                    least = h;
                    pair = new int[] {a, b};
                }
            }
        }
        return pair;
    }

    /** {@code lambda_min} with {@code m} more units in every level. */
    private static double noncentrality(double[] weight, double[] newUnitWeight, long m, double difference) {
        double least = Double.POSITIVE_INFINITY;
        for (int a = 0; a < weight.length; a++) {
            double wa = weight[a] + m * newUnitWeight[a];
            for (int b = a + 1; b < weight.length; b++) {
                double wb = weight[b] + m * newUnitWeight[b];
                least = Math.min(least, wa * wb / (wa + wb));
            }
        }
        return least * difference * difference;
    }

    /** {@code sqrt([(A + n B)^-1]_jj)}, by a Cholesky solve of {@code (A + n B) z = e_j}. */
    private static double standardError(double[][] a, double[][] b, long n, int j) {
        int p = a.length;
        double[][] m = new double[p][p];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < p; c++) {
                m[r][c] = a[r][c] + n * b[r][c];
            }
        }
        double[] z = Cholesky.solveUnit(m, j);
        return z == null ? Double.NaN : Math.sqrt(z[j]);
    }

    /**
     * The smallest number of additional units whose power reaches the target: 0 if the current power does,
     * else doubling to a number that does, then bisection; {@code null} if none up to {@link #MAX_ADDITIONAL}.
     */
    private static Integer smallestAddition(java.util.function.LongToDoubleFunction power, double now, double target) {
        if (now >= target) {
            return 0;
        }
        long low = 0;
        long high = 1;
        while (power.applyAsDouble(high) < target) {
            low = high;
            high *= 2;
            if (low >= MAX_ADDITIONAL) {
                return null;
            }
        }
        while (high - low > 1) {
            long middle = (low + high) >>> 1;
            if (power.applyAsDouble(middle) >= target) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high > MAX_ADDITIONAL ? null : (int) high;
    }

    private static double weightSum(double[] vi, double tau2) {
        double sum = 0;
        for (double v : vi) {
            sum += 1 / (v + tau2);
        }
        return sum;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
    }

    private static void checkTarget(double target, double alpha) {
        if (!(target > alpha && target < 1)) {
            throw new IllegalArgumentException("the target power must lie in (alpha, 1), got " + target);
        }
    }

    private static void checkDifference(double difference) {
        if (!Double.isFinite(difference)) {
            throw new IllegalArgumentException("the effect to detect must be finite, got " + difference);
        }
    }

    private static void checkVariances(double[] vi, double tau2) {
        if (!(tau2 >= 0) || !Double.isFinite(tau2)) {
            throw new IllegalArgumentException("tau^2 must be non-negative and finite, got " + tau2);
        }
        for (double v : vi) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("sampling variances must be positive and finite, got " + v);
            }
        }
    }
}
