package org.balintobservatory.analytics.answer.unit;

import org.balintobservatory.contract.group.Arm;

import java.time.LocalDate;

/**
 * What describes a unit. Categorical moderators of a programme or institution are given only when
 * all its groups agree; numeric ones are means over its groups.
 *
 * @param meanAttendance   members present per session (the effective group size)
 * @param sessionsPerMonth observed meeting frequency
 * @param meanDose         sessions attended per member
 * @param programmeStart   when the unit's (earliest) programme started; orders a cumulative meta-analysis
 */
public record Moderators(
        Integer groups,
        Double plannedSize,
        String facilitationStyle,
        Double leaders,
        Boolean accreditedLeader,
        String meetingFrequency,
        Double sessionsPerMonth,
        String format,
        String participantType,
        String country,
        Arm arm,
        Double meanAttendance,
        Double meanDose,
        LocalDate programmeStart) {
}
