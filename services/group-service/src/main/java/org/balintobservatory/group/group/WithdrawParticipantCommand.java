package org.balintobservatory.group.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record WithdrawParticipantCommand(
        @TargetAggregateIdentifier String aggregateId,
        String participantId,
        LocalDate withdrewOn) {
}
