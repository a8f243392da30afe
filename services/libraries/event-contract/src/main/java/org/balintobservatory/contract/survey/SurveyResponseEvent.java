package org.balintobservatory.contract.survey;

/**
 * An event of one survey response's stream: what every one of them says about the response, so that a
 * consumer asks the family instead of each type. The events stay records with their own fields, so this
 * changes nothing on the wire.
 */
public sealed interface SurveyResponseEvent permits ScoredResponseEvent, SurveyRetractedEvent {

    String institutionId();

    String responseId();

    /** The participant the response belongs to as of this event (a correction may name another). */
    String participantId();

    String instrumentId();

    Timepoint timepoint();
}
