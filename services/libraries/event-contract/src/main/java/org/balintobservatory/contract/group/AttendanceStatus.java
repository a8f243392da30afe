package org.balintobservatory.contract.group;

/** A member's attendance at one session. */
public enum AttendanceStatus {
    PRESENT, ABSENT, EXCUSED
}
