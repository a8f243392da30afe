package org.balintobservatory.metaanalysis.mixed;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Restricted (natural) cubic spline basis, linear beyond its outer knots, as {@code rms::rcs} and
 * {@code Hmisc::rcspline.eval(x, knots, inclx = TRUE, norm = 2)} compute it (Harrell 2015,
 * Regression Modeling Strategies, 2nd ed., sec. 2.4.5; Stone &amp; Koo 1985). With knots
 * {@code t_1 < ... < t_k}, the basis is x itself and, for {@code j = 1 .. k-2},
 * <pre>
 *   X_j(x) = [ (x - t_j)_+^3 - (x - t_(k-1))_+^3 (t_k - t_j) / (t_k - t_(k-1))
 *                            + (x - t_k)_+^3 (t_(k-1) - t_j) / (t_k - t_(k-1)) ] / (t_k - t_1)^2
 * </pre>
 * the division by {@code (t_k - t_1)^2} ({@code norm = 2}) putting the terms on the scale of x.
 */
public final class RestrictedCubicSpline {

    /** Share of the data a tied extreme value must reach to become a knot's neighbour (Hmisc's {@code fractied}). */
    private static final double FRACTION_TIED = 0.05;

    private RestrictedCubicSpline() {
    }

    /**
     * Knots at Harrell's default quantiles, by the algorithm of {@code Hmisc::rcspline.eval(x, nk = knotCount,
     * knots.only = TRUE)} (Hmisc 4.8): quantiles (R's type 7) at {@code seq(outer, 1 - outer, length = k)},
     * {@code outer} 0.1 for 3 knots, 0.05 for 4 to 6 and 0.025 beyond; with fewer than 100 values the outer
     * knots are the 5th smallest and 5th largest value; an extreme value shared by at least 5% of the data
     * (when no interior value is) is replaced by its neighbour as the outer knot, and the quantiles are
     * taken from the values inside; with no more than {@code k + 2} distinct values the knots are the
     * interior distinct values.
     *
     * @param x         the observed values
     * @param knotCount 3 to 7 knots wanted
     * @return the distinct knots in increasing order (fewer than asked when values are heavily tied)
     * @throws IllegalArgumentException with fewer than 6 values, or if fewer than 3 distinct knots result
     */
    public static double[] defaultKnots(double[] x, int knotCount) {
        if (knotCount < 3 || knotCount > 7) {
            throw new IllegalArgumentException("a restricted cubic spline takes 3 to 7 knots: " + knotCount);
        }
        int n = x.length;
        if (n < 6) {
            throw new IllegalArgumentException("knots need at least 6 values: " + n);
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        TreeMap<Double, Integer> frequency = new TreeMap<>();
        for (double value : sorted) {
            frequency.merge(value, 1, Integer::sum);
        }
        double[] distinct = frequency.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        int nDistinct = distinct.length;
        double[] knots;
        if (nDistinct - 2 <= knotCount) {
            knots = Arrays.copyOfRange(distinct, 1, nDistinct - 1);
        } else {
            knots = quantileKnots(sorted, frequency, distinct, knotCount);
        }
        double[] unique = Arrays.stream(knots).sorted().distinct().toArray();
        if (unique.length < 3) {
            throw new IllegalArgumentException("fewer than 3 distinct knots: the values are too heavily tied");
        }
        return unique;
    }

    private static double[] quantileKnots(double[] sorted, TreeMap<Double, Integer> frequency, double[] distinct,
                                          int knotCount) {
        int n = sorted.length;
        double outer = knotCount > 6 ? 0.025 : knotCount > 3 ? 0.05 : 0.1;
        int inner = knotCount;
        double[] xx = sorted;
        Double firstKnot = null;
        Double lastKnot = null;
        int maxInterior = 0;
        for (int i = 1; i < distinct.length - 1; i++) {
            maxInterior = Math.max(maxInterior, frequency.get(distinct[i]));
        }
        if ((double) maxInterior / n < FRACTION_TIED) {
            if ((double) frequency.get(distinct[0]) / n >= FRACTION_TIED) {
                double min = xx[0];
                double second = Arrays.stream(xx).filter(v -> v > min).min().orElseThrow();
                firstKnot = second;
                xx = Arrays.stream(xx).filter(v -> v > second).toArray();
                inner--;
            }
            if ((double) frequency.get(distinct[distinct.length - 1]) / n >= FRACTION_TIED) {
                double max = xx[xx.length - 1];
                double second = Arrays.stream(xx).filter(v -> v < max).max().orElseThrow();
                lastKnot = second;
                xx = Arrays.stream(xx).filter(v -> v < second).toArray();
                inner--;
            }
        }
        double[] knots;
        if (inner == 1) {
            knots = new double[] {quantile(xx, 0.5)};
        } else if (distinct.length <= inner) {
            knots = distinct.clone();
        } else {
            double from = inner == 2 ? 0.5 : outer;
            knots = quantiles(xx, from, 1 - outer, inner);
            if (Arrays.stream(knots).distinct().count() < Math.min(inner, 3)) {
                throw new IllegalArgumentException("could not place " + knotCount
                        + " knots at the default quantiles: the values are too heavily tied");
            }
            if (xx.length < 100) {
                if (firstKnot == null) {
                    knots[0] = xx[4];
                }
                if (lastKnot == null) {
                    knots[inner - 1] = xx[xx.length - 5];
                }
            }
        }
        double[] all = new double[knots.length + (firstKnot == null ? 0 : 1) + (lastKnot == null ? 0 : 1)];
        int i = 0;
        if (firstKnot != null) {
            all[i++] = firstKnot;
        }
        for (double knot : knots) {
            all[i++] = knot;
        }
        if (lastKnot != null) {
            all[i] = lastKnot;
        }
        return all;
    }

    private static double[] quantiles(double[] sorted, double from, double to, int count) {
        double[] result = new double[count];
        for (int i = 0; i < count; i++) {
            result[i] = quantile(sorted, from + (to - from) * i / (count - 1));
        }
        return result;
    }

    /** R's default quantile (type 7): {@code x_(floor(h)) + (h - floor(h)) (x_(floor(h)+1) - x_(floor(h)))}, h = (n-1)p. */
    private static double quantile(double[] sorted, double probability) {
        double h = (sorted.length - 1) * probability;
        int low = (int) Math.floor(h);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    /**
     * @param x     a value
     * @param knots at least 3 increasing knots
     * @return the basis at x, length {@code knots.length - 1}: x itself, then the nonlinear terms
     */
    public static double[] basis(double x, double[] knots) {
        int k = knots.length;
        if (k < 3) {
            throw new IllegalArgumentException("a restricted cubic spline needs at least 3 knots: " + k);
        }
        double last = knots[k - 1];
        double penultimate = knots[k - 2];
        double norm = (last - knots[0]) * (last - knots[0]);
        double[] basis = new double[k - 1];
        basis[0] = x;
        for (int j = 0; j < k - 2; j++) {
            double term = cube(x - knots[j])
                    + ((penultimate - knots[j]) * cube(x - last) - (last - knots[j]) * cube(x - penultimate))
                    / (last - penultimate);
            basis[j + 1] = term / norm;
        }
        return basis;
    }

    private static double cube(double value) {
        return value > 0 ? value * value * value : 0;
    }
}
