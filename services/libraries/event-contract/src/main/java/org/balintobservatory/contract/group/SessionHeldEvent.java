package org.balintobservatory.contract.group;

import java.time.LocalDate;

/**
 * A group met. The attendance and case events of the session follow it, in the same aggregate stream.
 *
 * @param attendanceRecords how many attendance events belong to this session, so a consumer knows when
 *                          it has seen them all
 * @param casesPresented    how many case events belong to this session
 */
public record SessionHeldEvent(
        String institutionId,
        String groupId,
        String sessionId,
        LocalDate heldOn,
        int durationMinutes,
        SessionFormat format,
        int leadersPresent,
        int attendanceRecords,
        int casesPresented) {
}
