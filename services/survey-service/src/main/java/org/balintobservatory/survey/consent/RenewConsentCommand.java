package org.balintobservatory.survey.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a participant who withdrew consent has given it again. */
public record RenewConsentCommand(@TargetAggregateIdentifier String aggregateId, String institutionId,
                                  String participantId) {
}
