package org.balintobservatory.group.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.group.GroupDesign;

import java.time.LocalDate;

public record FormGroupCommand(
        @TargetAggregateIdentifier String aggregateId,
        String institutionId,
        String groupId,
        String programmeId,
        GroupDesign design,
        LocalDate formedOn) {
}
