package org.balintobservatory.contract.group;

import java.time.LocalDate;
import java.util.List;

/**
 * A recorded session was corrected. It carries the session's complete corrected state, replacing
 * everything earlier events said of it (the held event, its attendance and cases, earlier corrections):
 * a consumer undoes what it had counted for the session and counts this instead. History is never
 * rewritten; the earlier events stay in the log.
 *
 * @param correctionId client-chosen id of this correction, for idempotent retries
 */
public record SessionCorrectedEvent(
        String institutionId,
        String groupId,
        String sessionId,
        String correctionId,
        LocalDate heldOn,
        int durationMinutes,
        SessionFormat format,
        int leadersPresent,
        List<AttendanceEntry> attendance,
        List<PresentedCase> cases) {
}
