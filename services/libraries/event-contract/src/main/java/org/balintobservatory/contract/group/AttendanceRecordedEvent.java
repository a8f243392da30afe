package org.balintobservatory.contract.group;

import java.time.LocalDate;

/** One member's attendance at one session: one event per member enrolled on the session's date. */
public record AttendanceRecordedEvent(
        String institutionId,
        String groupId,
        String sessionId,
        LocalDate heldOn,
        String participantId,
        AttendanceStatus status) {
}
