package org.balintobservatory.contract.survey;

/**
 * A response no longer counts, because it was entered in error or because the participant withdrew
 * consent (then every response of theirs is retracted). A consumer drops it from every read model.
 */
public record SurveyRetractedEvent(
        String institutionId,
        String responseId,
        String participantId,
        String instrumentId,
        Timepoint timepoint,
        RetractionReason reason) implements SurveyResponseEvent {
}
