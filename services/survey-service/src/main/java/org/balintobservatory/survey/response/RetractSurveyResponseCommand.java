package org.balintobservatory.survey.response;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.survey.RetractionReason;

/** Withdraws a response from every analysis. */
public record RetractSurveyResponseCommand(
        @TargetAggregateIdentifier String aggregateId,
        RetractionReason reason) {
}
