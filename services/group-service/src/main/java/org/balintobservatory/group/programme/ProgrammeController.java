package org.balintobservatory.group.programme;

import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.group.AggregateIds;
import org.balintobservatory.support.web.Caller;
import org.balintobservatory.support.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/programmes")
public class ProgrammeController {

    private final CommandGateway commands;
    private final EventStore eventStore;

    public ProgrammeController(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ProgrammeRegisteredEvent register(Caller caller, @Valid @RequestBody ProgrammeRequest request) {
        String institution = caller.institutionId();
        commands.sendAndWait(new RegisterProgrammeCommand(AggregateIds.of(institution, request.programmeId()),
                institution, request.programmeId(), request.name(), request.participantType(), request.arm(),
                request.country(), request.startsOn(), request.endsOn()));
        return find(institution, request.programmeId());
    }

    @GetMapping("/{programmeId}")
    ProgrammeRegisteredEvent get(Caller caller, @PathVariable String programmeId) {
        return find(caller.institutionId(), programmeId);
    }

    private ProgrammeRegisteredEvent find(String institution, String programmeId) {
        return eventStore.readEvents(AggregateIds.of(institution, programmeId)).asStream()
                .map(m -> m.getPayload())
                .filter(ProgrammeRegisteredEvent.class::isInstance)
                .map(ProgrammeRegisteredEvent.class::cast)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no programme " + programmeId));
    }
}
