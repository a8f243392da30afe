/**
 * Sufficient statistics of paired (pre/post) measurements.
 *
 * <p>{@link org.balintobservatory.metaanalysis.moments.PairedMoments} accumulates the count, the
 * two means, the two sums of squared deviations and the co-moment of a stream of
 * {@code (from, to)} pairs with Welford's update, merges partial accumulators with the pairwise
 * formulas of Chan, Golub &amp; LeVeque, and undoes a pair exactly when a correction retracts it.
 * {@link org.balintobservatory.metaanalysis.moments.PairedMomentsState} is the storable form, so a
 * projection can persist the statistics instead of the raw scores.
 */
package org.balintobservatory.metaanalysis.moments;
