package org.balintobservatory.contract.group;

import java.time.LocalDate;

/** A participant, known only by a pseudonymous id, joined a group. */
public record ParticipantEnrolledEvent(
        String institutionId,
        String groupId,
        String participantId,
        LocalDate enrolledOn) {
}
