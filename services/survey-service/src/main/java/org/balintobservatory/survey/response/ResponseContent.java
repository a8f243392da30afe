package org.balintobservatory.survey.response;

import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.ScoringMethod;
import org.balintobservatory.contract.survey.SurveyCompletedEvent;
import org.balintobservatory.contract.survey.SurveyCorrectedEvent;
import org.balintobservatory.contract.survey.Timepoint;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a response says, scored: what a completed event carries and what a correction replaces.
 * Two submissions are the same submission exactly when their contents are equal.
 */
public record ResponseContent(
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
        boolean prorated) {

    static ResponseContent of(SurveyCompletedEvent e) {
        return new ResponseContent(e.participantId(), e.programmeId(), e.groupId(), e.instrumentId(),
                e.instrumentVersion(), e.timepoint(), e.completedOn(), e.items(), e.scores(), e.scoringMethod(),
                e.prorated());
    }

    static ResponseContent of(SurveyCorrectedEvent e) {
        return new ResponseContent(e.participantId(), e.programmeId(), e.groupId(), e.instrumentId(),
                e.instrumentVersion(), e.timepoint(), e.completedOn(), e.items(), e.scores(), e.scoringMethod(),
                e.prorated());
    }

    SurveyCompletedEvent completed(String institutionId, String responseId) {
        return new SurveyCompletedEvent(institutionId, responseId, participantId, programmeId, groupId, instrumentId,
                instrumentVersion, timepoint, completedOn, items, scores, scoringMethod, prorated);
    }

    SurveyCorrectedEvent corrected(String institutionId, String responseId, String correctionId) {
        return new SurveyCorrectedEvent(institutionId, responseId, correctionId, participantId, programmeId, groupId,
                instrumentId, instrumentVersion, timepoint, completedOn, items, scores, scoringMethod, prorated);
    }

    boolean sameSlotAs(ResponseContent other) {
        return participantId.equals(other.participantId) && instrumentId.equals(other.instrumentId)
                && timepoint == other.timepoint;
    }

    /** What a 409 shows of the stored response: enough to tell a retry from a clash, no item answers. */
    Map<String, Object> summary(String responseId) {
        Map<String, Object> summary = new HashMap<>();
        summary.put("responseId", responseId);
        summary.put("participantId", participantId);
        summary.put("programmeId", programmeId);
        if (groupId != null) {
            summary.put("groupId", groupId);
        }
        summary.put("instrumentId", instrumentId);
        summary.put("instrumentVersion", instrumentVersion);
        summary.put("timepoint", timepoint);
        summary.put("completedOn", completedOn);
        summary.put("scoringMethod", scoringMethod);
        summary.put("scores", scores);
        return summary;
    }
}
