package org.balintobservatory.contract.group;

import java.util.List;

/**
 * One case inside a session correction.
 *
 * @param emotionalIntensity 1–5 as rated by the group, or {@code null}
 */
public record PresentedCase(String caseId, String presenterId, List<CaseTheme> themes, Integer emotionalIntensity) {
}
