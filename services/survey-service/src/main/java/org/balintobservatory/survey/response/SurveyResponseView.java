package org.balintobservatory.survey.response;

import org.axonframework.eventhandling.DomainEventMessage;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.ScoringMethod;
import org.balintobservatory.contract.survey.SurveyCompletedEvent;
import org.balintobservatory.contract.survey.SurveyCorrectedEvent;
import org.balintobservatory.contract.survey.SurveyRetractedEvent;
import org.balintobservatory.contract.survey.Timepoint;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A response as the API shows it: its current content and scores, whether it still counts, and how often
 * it was corrected. {@code participantId} is the pseudonym the participant is stored under, or the school's
 * own id in the answer to a request that named it.
 */
public record SurveyResponseView(
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
        boolean prorated,
        Status status,
        RetractionReason retractionReason,
        int corrections) {

    public enum Status {
        LIVE, RETRACTED
    }

    SurveyResponseView withParticipantId(String shown) {
        return new SurveyResponseView(responseId, shown, programmeId, groupId, instrumentId, instrumentVersion,
                timepoint, completedOn, items, scores, scoringMethod, prorated, status, retractionReason, corrections);
    }

    /** Folds a response's event stream; {@code null} when there is none. */
    static SurveyResponseView fold(Stream<? extends DomainEventMessage<?>> events) {
        String responseId = null;
        ResponseContent content = null;
        RetractionReason retraction = null;
        int corrections = 0;
        for (Object payload : (Iterable<Object>) events.<Object>map(DomainEventMessage::getPayload)::iterator) {
            if (payload instanceof SurveyCompletedEvent e) {
                responseId = e.responseId();
                content = ResponseContent.of(e);
            } else if (payload instanceof SurveyCorrectedEvent e) {
                content = ResponseContent.of(e);
                corrections++;
            } else if (payload instanceof SurveyRetractedEvent e) {
                retraction = e.reason();
            }
        }
        if (content == null) {
            return null;
        }
        return new SurveyResponseView(responseId, content.participantId(), content.programmeId(), content.groupId(),
                content.instrumentId(), content.instrumentVersion(), content.timepoint(), content.completedOn(),
                content.items(), content.scores(), content.scoringMethod(), content.prorated(),
                retraction == null ? Status.LIVE : Status.RETRACTED, retraction, corrections);
    }
}
