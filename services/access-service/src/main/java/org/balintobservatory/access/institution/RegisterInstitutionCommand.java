package org.balintobservatory.access.institution;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterInstitutionCommand(
        @TargetAggregateIdentifier String aggregateId,
        String institutionId,
        String name,
        String country) {

    public RegisterInstitutionCommand(String institutionId, String name, String country) {
        this(Institution.aggregateId(institutionId), institutionId, name, country);
    }
}
