package org.balintobservatory.group.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.group.VoidReason;

public record VoidSessionCommand(
        @TargetAggregateIdentifier String aggregateId,
        String sessionId,
        VoidReason reason) {
}
