package org.balintobservatory.analytics.comparison;

import org.balintobservatory.analytics.unit.UnitCatalogue;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.access.Caller;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** Comparison units from the read models' {@link UnitCatalogue}. */
@Component
class ReadModelUnitSource implements UnitSource {

    private final UnitCatalogue catalogue;

    ReadModelUnitSource(UnitCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public LoadedUnits load(Caller caller, String level, String instrument, String scale, Timepoint from, Timepoint to,
                            LocalDate since, LocalDate until, String release) {
        UnitCatalogue.Loaded loaded = catalogue.load(caller, level, instrument, scale, from, to, since, until, release);
        String direction = loaded.units().stream().map(UnitCatalogue.UnitReport::direction)
                .filter(java.util.Objects::nonNull).map(Enum::name).findFirst().orElse(null);
        List<LoadedUnit> units = loaded.units().stream().map(u -> {
            UnitCatalogue.Moderators m = u.moderators();
            String arm = m.arm() == null ? null : m.arm().name();
            // An institution comes once per arm: its id alone would not tell the two apart.
            String unitId = level.equals("institution") && arm != null ? u.unitId() + " (" + arm + ")" : u.unitId();
            UnitProfile profile = new UnitProfile(unitId, u.institutionId(), m.country(), m.participantType(), arm,
                    m.plannedSize(), m.facilitationStyle(), m.leaders(), m.accreditedLeader(), m.meetingFrequency(),
                    m.format(), m.meanAttendance(), m.sessionsPerMonth(), m.meanDose(), m.programmeStart());
            return new LoadedUnit(profile, u.state(), u.withholding(), u.heldBack());
        }).toList();
        return new LoadedUnits(direction, units, loaded.logPosition(), loaded.generation(), loaded.release());
    }
}
