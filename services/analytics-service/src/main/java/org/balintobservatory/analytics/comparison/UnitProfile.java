package org.balintobservatory.analytics.comparison;

/**
 * What is known of one analysis unit, for moderators. Group-level facts are {@code null} for units that
 * span groups with different values (an institution whose groups differ in size, for example).
 *
 * @param unitId           e.g. {@code inst-a/g-1} for a group, {@code inst-a (INTERVENTION)} for an institution's arm
 * @param plannedSize      declared size; the mean over groups for a unit that spans several
 * @param leaders          1 or 2; the mean over groups for a unit that spans several
 * @param meanAttendance   observed effective group size: mean members present per session
 * @param sessionsPerMonth observed meeting frequency between the first and last session
 * @param meanDose         mean sessions attended per participant
 * @param programmeStart   when the unit's (earliest) programme started, {@code null} when unknown
 */
public record UnitProfile(
        String unitId,
        String institutionId,
        String country,
        String participantType,
        String arm,
        Double plannedSize,
        String facilitationStyle,
        Double leaders,
        Boolean accreditedLeader,
        String meetingFrequency,
        String format,
        Double meanAttendance,
        Double sessionsPerMonth,
        Double meanDose,
        java.time.LocalDate programmeStart) {
}
