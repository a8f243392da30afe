package org.balintobservatory.analytics.comparison;

import org.balintobservatory.metaanalysis.moments.PairedMomentsState;

/**
 * A controlled comparison within one institution: the paired scores of its INTERVENTION programmes and
 * of its CONTROL programmes on one scale between two timepoints.
 */
public record ControlledUnitData(UnitProfile profile, PairedMomentsState intervention, PairedMomentsState control) {
}
