package org.balintobservatory.contract.group;

import java.time.LocalDate;

/** A member left the group; sessions after {@code withdrewOn} no longer expect them. */
public record ParticipantWithdrewEvent(
        String institutionId,
        String groupId,
        String participantId,
        LocalDate withdrewOn) {
}
