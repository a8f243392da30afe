package org.balintobservatory.metaanalysis.moments;

/**
 * Storable snapshot of a {@link PairedMoments} accumulator.
 *
 * <p>The six numbers are sufficient for the means, standard deviations, covariance and
 * correlation of the pairs, and they are exactly what the accumulator keeps, so a stored state
 * restores an accumulator that continues bit for bit as the original would have. Construction
 * fails with {@link IllegalArgumentException} if {@code n} is negative, a component is not finite,
 * a sum of squares is negative, or an empty state has non-zero moments.
 *
 * @param n         number of pairs
 * @param meanFrom  mean of the first ("from", pre) measurement
 * @param meanTo    mean of the second ("to", post) measurement
 * @param m2From    sum of squared deviations of the first measurement from its mean
 * @param m2To      sum of squared deviations of the second measurement from its mean
 * @param coMoment  sum of products of the deviations of both measurements from their means
 */
public record PairedMomentsState(
        long n, double meanFrom, double meanTo, double m2From, double m2To, double coMoment) {

    /** The state of an accumulator that has seen no pair. */
    public static final PairedMomentsState EMPTY = new PairedMomentsState(0, 0, 0, 0, 0, 0);

    public PairedMomentsState {
        // A corrupted stored state would otherwise surface much later as an impossible standard
        // deviation or correlation, far from its cause.
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        if (!Double.isFinite(meanFrom) || !Double.isFinite(meanTo) || !Double.isFinite(m2From)
                || !Double.isFinite(m2To) || !Double.isFinite(coMoment)) {
            throw new IllegalArgumentException("moments must be finite");
        }
        if (m2From < 0 || m2To < 0) {
            throw new IllegalArgumentException("sums of squares must not be negative");
        }
        if (n == 0 && (meanFrom != 0 || meanTo != 0 || m2From != 0 || m2To != 0 || coMoment != 0)) {
            throw new IllegalArgumentException("an empty state must have zero moments");
        }
    }
}
