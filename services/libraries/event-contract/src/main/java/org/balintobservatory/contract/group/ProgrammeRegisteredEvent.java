package org.balintobservatory.contract.group;

import java.time.LocalDate;

/**
 * An institution registered a programme: a cohort of Balint groups (or a control cohort).
 *
 * @param country ISO 3166-1 alpha-2 code of where the programme runs
 * @param endsOn  {@code null} while open-ended
 */
public record ProgrammeRegisteredEvent(
        String institutionId,
        String programmeId,
        String name,
        ParticipantType participantType,
        Arm arm,
        String country,
        LocalDate startsOn,
        LocalDate endsOn) {
}
