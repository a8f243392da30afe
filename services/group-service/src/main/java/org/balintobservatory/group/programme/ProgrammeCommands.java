package org.balintobservatory.group.programme;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.balintobservatory.group.AggregateIds;
import org.springframework.stereotype.Component;

/** Turns a school's programme requests into commands, for the HTTP API and the batch import alike. */
@Component
public class ProgrammeCommands {

    private final CommandGateway commands;

    public ProgrammeCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public void register(String institution, ProgrammeRequest request) {
        commands.sendAndWait(new RegisterProgrammeCommand(AggregateIds.of(institution, request.programmeId()),
                institution, request.programmeId(), request.name(), request.participantType(), request.arm(),
                request.country(), request.startsOn(), request.endsOn()));
    }
}
