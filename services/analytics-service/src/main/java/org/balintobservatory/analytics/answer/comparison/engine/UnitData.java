package org.balintobservatory.analytics.answer.comparison.engine;

import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;

import java.time.YearMonth;

/**
 * One analysis unit as a comparison reads it: what describes it and its paired scores on one scale between
 * two timepoints.
 *
 * @param unitId     e.g. {@code inst-a/g-1} for a group, {@code inst-a (INTERVENTION)} for an institution's arm
 * @param moderators what describes the unit; group-level facts are {@code null} for units that span groups
 *                   with different values
 * @param moments    the sufficient statistics of the participants with both scores
 * @param heldBack   why the unit shows an earlier release's figures, when its release held it back; else
 *                   {@code null}
 * @param completedIn the month the unit reached its second timepoint (its first pair became complete), {@code null}
 *                    when unknown; orders the cumulative analysis by completion
 */
public record UnitData(String unitId, String institutionId, Moderators moderators, PairedMomentsState moments,
                       String heldBack, YearMonth completedIn) {

    /** A unit whose completion month is unknown. */
    public UnitData(String unitId, String institutionId, Moderators moderators, PairedMomentsState moments,
                    String heldBack) {
        this(unitId, institutionId, moderators, moments, heldBack, null);
    }
}
