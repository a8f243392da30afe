package org.balintobservatory.contract.group;

import java.time.LocalDate;
import java.util.List;

/**
 * A member presented a case at a session: one event per case, following its session's
 * {@link SessionHeldEvent}. The case is anonymised to its themes.
 *
 * @param presenterId        a member marked PRESENT at that session
 * @param emotionalIntensity 1–5 as rated by the group, or {@code null}
 */
public record CasePresentedEvent(
        String institutionId,
        String groupId,
        String sessionId,
        LocalDate heldOn,
        String caseId,
        String presenterId,
        List<CaseTheme> themes,
        Integer emotionalIntensity) {
}
