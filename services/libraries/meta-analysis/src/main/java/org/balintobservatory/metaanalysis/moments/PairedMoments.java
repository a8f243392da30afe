package org.balintobservatory.metaanalysis.moments;

/**
 * Mergeable, reversible accumulator of paired measurements {@code (from, to)}, for example the
 * pre- and post-programme score of each participant of one institution.
 *
 * <p>Pairs are added with Welford's (1962) update extended to the co-moment, which avoids the
 * cancellation of the textbook "sum of squares minus square of sum" formula when scores are large
 * compared with their spread. Two accumulators are merged with the pairwise formulas of Chan,
 * Golub &amp; LeVeque (1979/1983): for parts {@code a} and {@code b} with {@code d = mean_b - mean_a},
 * <pre>
 *   n     = n_a + n_b
 *   mean  = mean_a + d * n_b / n
 *   M2    = M2_a + M2_b + d^2 * n_a * n_b / n
 *   C     = C_a + C_b + d_from * d_to * n_a * n_b / n
 * </pre>
 * {@link #remove(double, double)} runs Welford's update backwards, so a correction event can
 * retract a pair without replaying the stream.
 *
 * <p>Standard deviations use the {@code n - 1} denominator, as R's {@code sd} and the inputs of
 * metafor's {@code escalc} expect. Instances are mutable and not thread-safe; share a
 * {@link #state()} snapshot instead.
 */
public final class PairedMoments {

    private long n;
    private double meanFrom;
    private double meanTo;
    private double m2From;
    private double m2To;
    private double coMoment;

    /** Creates an empty accumulator. */
    public PairedMoments() {
        // All moments start at zero.
    }

    /**
     * Restores an accumulator from a stored snapshot.
     *
     * @param state snapshot taken with {@link #state()}
     * @return a new accumulator holding exactly that state
     */
    public static PairedMoments of(PairedMomentsState state) {
        PairedMoments moments = new PairedMoments();
        moments.n = state.n();
        moments.meanFrom = state.meanFrom();
        moments.meanTo = state.meanTo();
        moments.m2From = state.m2From();
        moments.m2To = state.m2To();
        moments.coMoment = state.coMoment();
        return moments;
    }

    /**
     * Accumulates the given pairs; a convenience for tests and batch imports.
     *
     * @param from first measurements
     * @param to   second measurements, same length as {@code from}
     * @return a new accumulator holding all pairs
     * @throws IllegalArgumentException if the arrays differ in length or hold a non-finite value
     */
    public static PairedMoments ofPairs(double[] from, double[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(
                    "from and to differ in length: " + from.length + " vs " + to.length);
        }
        PairedMoments moments = new PairedMoments();
        for (int i = 0; i < from.length; i++) {
            moments.add(from[i], to[i]);
        }
        return moments;
    }

    /**
     * Adds one pair (Welford's update with the co-moment term).
     *
     * @param from first measurement
     * @param to   second measurement
     * @return this accumulator
     * @throws IllegalArgumentException if a value is not finite, because one NaN would silently
     *                                  poison every later statistic
     */
    public PairedMoments add(double from, double to) {
        requireFinite(from, to);
        n++;
        double deltaFrom = from - meanFrom;
        double deltaTo = to - meanTo;
        meanFrom += deltaFrom / n;
        meanTo += deltaTo / n;
        m2From += deltaFrom * (from - meanFrom);
        m2To += deltaTo * (to - meanTo);
        coMoment += deltaFrom * (to - meanTo);
        return this;
    }

    /**
     * Removes one previously added pair by running Welford's update backwards.
     *
     * <p>The accumulator cannot check that the pair was ever added; the caller (for example the
     * handler of a correction event that carries the retracted values) is responsible for that.
     * Sums of squares are clamped at zero because rounding can leave a tiny negative remainder
     * when the last distinct values are removed.
     *
     * @param from first measurement of the pair to retract
     * @param to   second measurement of the pair to retract
     * @return this accumulator
     * @throws IllegalStateException    if the accumulator is empty
     * @throws IllegalArgumentException if a value is not finite
     */
    public PairedMoments remove(double from, double to) {
        requireFinite(from, to);
        if (n == 0) {
            throw new IllegalStateException("cannot remove a pair from an empty accumulator");
        }
        if (n == 1) {
            clear();
            return this;
        }
        long previous = n - 1;
        double previousMeanFrom = (n * meanFrom - from) / previous;
        double previousMeanTo = (n * meanTo - to) / previous;
        m2From = Math.max(0.0, m2From - (from - previousMeanFrom) * (from - meanFrom));
        m2To = Math.max(0.0, m2To - (to - previousMeanTo) * (to - meanTo));
        coMoment -= (from - previousMeanFrom) * (to - meanTo);
        meanFrom = previousMeanFrom;
        meanTo = previousMeanTo;
        n = previous;
        return this;
    }

    /**
     * Merges another accumulator into this one (Chan, Golub &amp; LeVeque pairwise update); the
     * result equals, up to rounding, having added all pairs of both to one accumulator.
     *
     * @param other accumulator to merge; it is not modified
     * @return this accumulator
     */
    public PairedMoments combine(PairedMoments other) {
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            copyFrom(other);
            return this;
        }
        long total = n + other.n;
        double deltaFrom = other.meanFrom - meanFrom;
        double deltaTo = other.meanTo - meanTo;
        double weight = (double) n * other.n / total;
        m2From += other.m2From + deltaFrom * deltaFrom * weight;
        m2To += other.m2To + deltaTo * deltaTo * weight;
        coMoment += other.coMoment + deltaFrom * deltaTo * weight;
        meanFrom += deltaFrom * other.n / total;
        meanTo += deltaTo * other.n / total;
        n = total;
        return this;
    }

    /** @return an independent accumulator with the same state */
    public PairedMoments copy() {
        PairedMoments copy = new PairedMoments();
        copy.copyFrom(this);
        return copy;
    }

    /** @return the storable snapshot of the current state */
    public PairedMomentsState state() {
        return new PairedMomentsState(n, meanFrom, meanTo, m2From, m2To, coMoment);
    }

    /** @return number of pairs */
    public long count() {
        return n;
    }

    /** @return mean of the first measurement; {@code NaN} when empty */
    public double meanFrom() {
        return n == 0 ? Double.NaN : meanFrom;
    }

    /** @return mean of the second measurement; {@code NaN} when empty */
    public double meanTo() {
        return n == 0 ? Double.NaN : meanTo;
    }

    /** @return mean of {@code to - from}; {@code NaN} when empty */
    public double meanChange() {
        return n == 0 ? Double.NaN : meanTo - meanFrom;
    }

    /** @return sample variance of the first measurement, {@code M2 / (n - 1)}; {@code NaN} if n &lt; 2 */
    public double varianceFrom() {
        return n < 2 ? Double.NaN : m2From / (n - 1);
    }

    /** @return sample variance of the second measurement; {@code NaN} if n &lt; 2 */
    public double varianceTo() {
        return n < 2 ? Double.NaN : m2To / (n - 1);
    }

    /** @return sample standard deviation of the first measurement; {@code NaN} if n &lt; 2 */
    public double sdFrom() {
        return Math.sqrt(varianceFrom());
    }

    /** @return sample standard deviation of the second measurement; {@code NaN} if n &lt; 2 */
    public double sdTo() {
        return Math.sqrt(varianceTo());
    }

    /** @return sample covariance {@code C / (n - 1)}; {@code NaN} if n &lt; 2 */
    public double covariance() {
        return n < 2 ? Double.NaN : coMoment / (n - 1);
    }

    /**
     * Pearson correlation {@code C / sqrt(M2_from * M2_to)}, clamped to [-1, 1] against rounding.
     *
     * @return the correlation; {@code NaN} if n &lt; 2 or either measurement has no spread, where
     *         the correlation is undefined
     */
    public double correlation() {
        if (n < 2 || m2From <= 0 || m2To <= 0) {
            return Double.NaN;
        }
        double r = coMoment / Math.sqrt(m2From * m2To);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    /**
     * Sample standard deviation of the change scores {@code to - from}, from
     * {@code (M2_from + M2_to - 2 C) / (n - 1)}; this equals
     * {@code sqrt(sd_from^2 + sd_to^2 - 2 r sd_from sd_to)} but stays defined when one
     * measurement has no spread.
     *
     * @return the standard deviation of the change; {@code NaN} if n &lt; 2
     */
    public double sdChange() {
        if (n < 2) {
            return Double.NaN;
        }
        return Math.sqrt(Math.max(0.0, m2From + m2To - 2 * coMoment) / (n - 1));
    }

    @Override
    public String toString() {
        return "PairedMoments" + state();
    }

    private void copyFrom(PairedMoments other) {
        n = other.n;
        meanFrom = other.meanFrom;
        meanTo = other.meanTo;
        m2From = other.m2From;
        m2To = other.m2To;
        coMoment = other.coMoment;
    }

    private void clear() {
        n = 0;
        meanFrom = 0;
        meanTo = 0;
        m2From = 0;
        m2To = 0;
        coMoment = 0;
    }

    private static void requireFinite(double from, double to) {
        if (!Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("measurements must be finite: (" + from + ", " + to + ")");
        }
    }
}
