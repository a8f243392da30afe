package org.balintobservatory.analytics.comparison;

import org.balintobservatory.metaanalysis.moments.PairedMomentsState;

/**
 * One analysis unit's paired scores on one scale between two timepoints.
 *
 * @param moments the sufficient statistics of the participants with both scores
 */
public record UnitData(UnitProfile profile, PairedMomentsState moments) {
}
