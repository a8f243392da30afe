package org.balintobservatory.analytics.comparison;

import org.balintobservatory.analytics.disclosure.Withholding;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;
import org.balintobservatory.support.access.Caller;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Where comparisons get their units from: the read models' paired statistics and unit descriptions. */
public interface UnitSource {

    /**
     * The units of one scale between two timepoints that the caller may see: all institutions for
     * researchers, its own for a school. Institution units come one per institution and arm.
     *
     * @param level {@code group} or {@code institution}
     * @param since only cohorts whose programme started on or after it, or {@code null}
     * @param until only cohorts whose programme started on or before it, or {@code null}
     * @param release the data release a researcher asks about, or {@code null} for the latest
     */
    LoadedUnits load(Caller caller, String level, String instrument, String scale, Timepoint from, Timepoint to,
                     LocalDate since, LocalDate until, String release);

    /**
     * @param direction   the scale's direction, {@code null} when no unit has scores yet
     * @param logPosition the per-partition offsets the units reflect
     * @param release     the data release the units come from; {@code null} for a school's live view
     */
    record LoadedUnits(String direction, List<LoadedUnit> units, Map<String, Long> logPosition, int generation,
                       String release) {
    }

    /**
     * @param withholding why disclosure control keeps the unit out of every estimate, {@code null} if it does not
     * @param heldBack    why the unit has an earlier release's figures, when its release held it back; else
     *                    {@code null}
     */
    record LoadedUnit(UnitProfile profile, PairedMomentsState moments, Withholding withholding, String heldBack) {

        boolean withheld() {
            return withholding != null;
        }
    }
}
