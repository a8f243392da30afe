package org.balintobservatory.survey.response;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a response's content with the corrected, rescored content. */
public record CorrectSurveyResponseCommand(
        @TargetAggregateIdentifier String aggregateId,
        String correctionId,
        ResponseContent content) {
}
