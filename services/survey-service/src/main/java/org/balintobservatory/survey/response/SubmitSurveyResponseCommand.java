package org.balintobservatory.survey.response;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stores a scored response; the aggregate id is {@code {institutionId}/{responseId}}. */
public record SubmitSurveyResponseCommand(
        @TargetAggregateIdentifier String aggregateId,
        String institutionId,
        String responseId,
        ResponseContent content) {
}
