package org.balintobservatory.contract.group;

/** One member's attendance inside a session correction. */
public record AttendanceEntry(String participantId, AttendanceStatus status) {
}
