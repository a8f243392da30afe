package org.balintobservatory.access.institution;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeInstitutionDetailsCommand(
        @TargetAggregateIdentifier String aggregateId,
        String institutionId,
        String name,
        String country) {

    public ChangeInstitutionDetailsCommand(String institutionId, String name, String country) {
        this(Institution.aggregateId(institutionId), institutionId, name, country);
    }
}
