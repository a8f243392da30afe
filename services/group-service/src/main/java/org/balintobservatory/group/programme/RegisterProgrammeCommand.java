package org.balintobservatory.group.programme;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.ParticipantType;

import java.time.LocalDate;

public record RegisterProgrammeCommand(
        @TargetAggregateIdentifier String aggregateId,
        String institutionId,
        String programmeId,
        String name,
        ParticipantType participantType,
        Arm arm,
        String country,
        LocalDate startsOn,
        LocalDate endsOn) {
}
