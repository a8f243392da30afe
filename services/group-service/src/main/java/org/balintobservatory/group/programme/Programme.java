package org.balintobservatory.group.programme;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.support.web.ConflictException;
import org.balintobservatory.support.web.RuleViolationException;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A programme: one cohort of groups (or a control cohort) at one institution.
 *
 * <p>Policies: <em>ends-after-start</em> (endsOn, when given, is not before startsOn);
 * <em>idempotent-registration</em> (registering the same programme again changes nothing, registering
 * different details under a taken id is a conflict).
 */
@Aggregate(cache = "programmeCache")
public class Programme {

    @AggregateIdentifier
    private String aggregateId;
    private ProgrammeRegisteredEvent registration;

    protected Programme() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterProgrammeCommand command) {
        ProgrammeRegisteredEvent event = new ProgrammeRegisteredEvent(command.institutionId(), command.programmeId(),
                command.name(), command.participantType(), command.arm(), command.country(), command.startsOn(),
                command.endsOn());
        if (registration != null) {
            if (!registration.equals(event)) {
                throw new ConflictException("programme " + command.programmeId() + " is registered with other details",
                        summary(registration));
            }
            return;
        }
        if (command.endsOn() != null && command.endsOn().isBefore(command.startsOn())) {
            throw new RuleViolationException("endsOn", "ends-after-start", "endsOn is before startsOn");
        }
        apply(event);
    }

    @EventSourcingHandler
    void on(ProgrammeRegisteredEvent event) {
        this.aggregateId = event.institutionId() + "/" + event.programmeId();
        this.registration = event;
    }

    /** Without null values: the problem-details answer refuses them. */
    private static Map<String, Object> summary(ProgrammeRegisteredEvent e) {
        Map<String, Object> stored = new HashMap<>();
        stored.put("programmeId", e.programmeId());
        stored.put("name", e.name());
        stored.put("participantType", e.participantType());
        stored.put("arm", e.arm());
        stored.put("country", e.country());
        stored.put("startsOn", e.startsOn());
        if (e.endsOn() != null) {
            stored.put("endsOn", e.endsOn());
        }
        return stored;
    }
}
