package org.balintobservatory.access.institution;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.balintobservatory.contract.access.InstitutionDetailsChangedEvent;
import org.balintobservatory.contract.access.InstitutionRegisteredEvent;
import org.balintobservatory.support.domain.ConflictException;

import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An institution of the consortium: the unit SCHOOL keys are issued to, and the institution id every
 * school's data is recorded under.
 *
 * <p>Policies: <em>idempotent-registration</em> (registering the same institution again changes nothing;
 * other details under a taken id are a conflict, answered with what is stored, because a second school
 * under one id would mix two schools' data); <em>changes-are-changes</em> (changing the details to what they
 * already are records nothing).
 */
@Aggregate
public class Institution {

    @AggregateIdentifier
    private String aggregateId;
    private String institutionId;
    private String name;
    private String country;

    protected Institution() {
    }

    /** Institutions and keys share one event store, so each aggregate id names its type. */
    public static String aggregateId(String institutionId) {
        return "institution/" + institutionId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterInstitutionCommand command) {
        if (institutionId != null) {
            if (!name.equals(command.name()) || !country.equals(command.country())) {
                throw new ConflictException("institution " + institutionId + " is registered with other details",
                        Map.of("institutionId", institutionId, "name", name, "country", country));
            }
            return;
        }
        apply(new InstitutionRegisteredEvent(command.institutionId(), command.name(), command.country()));
    }

    @CommandHandler
    void handle(ChangeInstitutionDetailsCommand command) {
        if (name.equals(command.name()) && country.equals(command.country())) {
            return;
        }
        apply(new InstitutionDetailsChangedEvent(institutionId, command.name(), command.country()));
    }

    @EventSourcingHandler
    void on(InstitutionRegisteredEvent event) {
        this.aggregateId = aggregateId(event.institutionId());
        this.institutionId = event.institutionId();
        this.name = event.name();
        this.country = event.country();
    }

    @EventSourcingHandler
    void on(InstitutionDetailsChangedEvent event) {
        this.name = event.name();
        this.country = event.country();
    }
}
