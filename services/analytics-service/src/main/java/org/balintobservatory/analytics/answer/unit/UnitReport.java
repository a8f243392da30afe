package org.balintobservatory.analytics.answer.unit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.balintobservatory.analytics.release.disclosure.ReleasePolicy;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;

import java.time.YearMonth;

/**
 * One unit's paired statistics. Researchers get a unit's count, correlation and moderators under an
 * opaque id; the means, SDs and moments, which could be differenced, only a school gets, of its own units.
 *
 * @param unitId      {@code institutionId/localId} for groups and programmes, {@code institutionId} for
 *                    institutions; for researchers {@code institutionId/g-…} or {@code institutionId/p-…}
 * @param correlation Pearson's r between the two timepoints, {@code null} below two pairs
 * @param moments     the raw moments, so a school can pool its units exactly
 * @param heldBack    why the unit has an earlier release's figures ({@link ReleasePolicy#HELD_BACK}), when
 *                    the release held it back, or an institution arm any of whose programmes it held back
 * @param withholding why disclosure control withholds the unit from a researcher's answer, {@code null}
 *                    when it does not
 * @param state       the moments, for the service's own computations; never in an answer
 * @param completedIn the month the unit reached its second timepoint, {@code null} when unknown: a month, never
 *                    the day, since the day is one participant's; for the cumulative analysis, not in
 *                    {@code /units}
 */
public record UnitReport(
        String unitId,
        String institutionId,
        ScaleDirection direction,
        long n,
        Double meanFrom,
        Double sdFrom,
        Double meanTo,
        Double sdTo,
        Double correlation,
        Double meanChange,
        Double sdChange,
        PairedMomentsState moments,
        Moderators moderators,
        String heldBack,
        @JsonIgnore Withholding withholding,
        @JsonIgnore PairedMomentsState state,
        @JsonIgnore YearMonth completedIn) {

    /** Whether disclosure control withholds the unit from a researcher's answer. */
    public boolean withheld() {
        return withholding != null;
    }

    /**
     * The unit as a researcher sees it: under another id, without what could be differenced. The
     * moments stay in {@link #state} for the effect sizes the service computes from them.
     */
    UnitReport forResearchers(String opaqueId) {
        return new UnitReport(opaqueId, institutionId, direction, n, null, null, null, null, correlation, null,
                null, null, moderators, heldBack, withholding, state, completedIn);
    }
}
