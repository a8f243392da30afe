package org.balintobservatory.contract.survey;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A participant's completed questionnaire, scored.
 *
 * @param groupId           {@code null} when the response belongs to the programme only (e.g. a control cohort)
 * @param items             raw item responses by item number ({@code "1"} …); {@code null} when the school
 *                          reported scores only ({@link ScoringMethod#REPORTED_SCORES}); a missing item is absent
 * @param scores            one entry per scale, the total included
 * @param prorated          whether any scale was prorated
 */
public record SurveyCompletedEvent(
        String institutionId,
        String responseId,
        String participantId,
        String programmeId,
        String groupId,
        String instrumentId,
        int instrumentVersion,
        Timepoint timepoint,
        LocalDate completedOn,
        Map<String, Integer> items,
        List<ScaleScore> scores,
        ScoringMethod scoringMethod,
        boolean prorated) implements ScoredResponseEvent {
}
