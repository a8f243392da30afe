package org.balintobservatory.group.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.group.GroupDesign;

import java.time.LocalDate;

public record ChangeGroupDesignCommand(
        @TargetAggregateIdentifier String aggregateId,
        GroupDesign design,
        LocalDate effectiveFrom) {
}
