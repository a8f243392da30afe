package org.balintobservatory.contract.survey;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A response was corrected: this carries its complete corrected state, replacing what the completed
 * event (and any earlier correction) said. A consumer undoes the old scores and counts these.
 *
 * @param correctionId client-chosen id of this correction, for idempotent retries
 */
public record SurveyCorrectedEvent(
        String institutionId,
        String responseId,
        String correctionId,
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
