package org.balintobservatory.survey.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a participant, known by their pseudonym, withdrew consent. */
public record WithdrawConsentCommand(@TargetAggregateIdentifier String aggregateId, String institutionId,
                                     String participantId) {
}
