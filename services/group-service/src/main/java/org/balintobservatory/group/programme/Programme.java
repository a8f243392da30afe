package org.balintobservatory.group.programme;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.support.domain.DatePolicy;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.RuleViolationException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A programme: one cohort of groups (or a control cohort) at one institution.
 *
 * <p>Policies, each refused with its name as the problem's rule:
 * <ul>
 *   <li><em>idempotent-registration</em>: registering the same programme again changes nothing, registering
 *       different details under a taken id is a conflict;</li>
 *   <li><em>not-before-1950</em> (rules of {@link DatePolicy}): neither startsOn nor endsOn is before
 *       {@link DatePolicy#EARLIEST};</li>
 *   <li><em>not-too-far-ahead</em>: a programme is planned ahead, but startsOn is at most
 *       {@value #MAX_YEARS_AHEAD} years after today (UTC) and endsOn at most {@value #MAX_YEARS_LONG} years
 *       after startsOn;</li>
 *   <li><em>ends-after-start</em>: endsOn, when given, is not before startsOn.</li>
 * </ul>
 */
@Aggregate(cache = "programmeCache")
public class Programme {

    static final int MAX_YEARS_AHEAD = 2;
    static final int MAX_YEARS_LONG = 10;

    @AggregateIdentifier
    private String aggregateId;
    private ProgrammeRegisteredEvent registration;

    protected Programme() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterProgrammeCommand command, Clock clock) {
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
        DatePolicy.notBefore1950("startsOn", command.startsOn());
        DatePolicy.notTooFarAhead("startsOn", command.startsOn(), LocalDate.now(clock), MAX_YEARS_AHEAD, "today");
        if (command.endsOn() != null) {
            DatePolicy.notBefore1950("endsOn", command.endsOn());
            if (command.endsOn().isBefore(command.startsOn())) {
                throw new RuleViolationException("endsOn", "ends-after-start", "endsOn is before startsOn");
            }
            DatePolicy.notTooFarAhead("endsOn", command.endsOn(), command.startsOn(), MAX_YEARS_LONG, "startsOn");
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
