package org.balintobservatory.group.programme;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.group.AggregateIds;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.stereotype.Component;

/** Turns a school's programme requests into commands, for the HTTP API and the batch import alike. */
@Component
public class ProgrammeCommands {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ProgrammeQueries queries;

    public ProgrammeCommands(CommandGateway commands, EventStore eventStore, ProgrammeQueries queries) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.queries = queries;
    }

    public void register(String institution, ProgrammeRequest request) {
        String aggregateId = AggregateIds.of(institution, request.programmeId());
        // The stream first, then what it holds: a programme another instance registers between the two reads
        // is found by the second, so a retry racing its original is not taken for a group's id.
        if (eventStore.lastSequenceNumberFor(aggregateId).isPresent()
                && queries.find(institution, request.programmeId()).isEmpty()) {
            throw new RuleViolationException("programmeId", "id-not-used-by-group",
                    request.programmeId() + " is already a group's id; programmes and groups share one namespace");
        }
        commands.sendAndWait(new RegisterProgrammeCommand(aggregateId, institution, request.programmeId(),
                request.name(), request.participantType(), request.arm(), request.country(), request.startsOn(),
                request.endsOn()));
    }
}
