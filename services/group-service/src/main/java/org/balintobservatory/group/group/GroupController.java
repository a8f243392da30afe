package org.balintobservatory.group.group;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.group.AggregateIds;
import org.balintobservatory.support.web.Caller;
import org.balintobservatory.support.web.NotFoundException;
import org.balintobservatory.support.web.RuleViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Validated
@RequestMapping("/api/v1/groups")
public class GroupController {

    private final CommandGateway commands;
    private final EventStore eventStore;

    public GroupController(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    GroupView form(Caller caller, @Valid @RequestBody GroupRequests.FormGroup request) {
        String institution = caller.institutionId();
        if (!eventStore.lastSequenceNumberFor(AggregateIds.of(institution, request.programmeId())).isPresent()) {
            throw new RuleViolationException("programmeId", "programme-must-exist",
                    "no programme " + request.programmeId() + " is registered");
        }
        GroupRequests.Design d = request.design();
        GroupDesign design = new GroupDesign(d.plannedSize(), d.meetingFrequency(), d.sessionMinutes(), d.format(),
                new Facilitation(d.facilitation().style(), d.facilitation().leaders(),
                        List.copyOf(d.facilitation().leaderBackgrounds()), d.facilitation().accreditedLeader()));
        commands.sendAndWait(new FormGroupCommand(AggregateIds.of(institution, request.groupId()), institution,
                request.groupId(), request.programmeId(), design, request.formedOn()));
        return view(institution, request.groupId());
    }

    @GetMapping("/{groupId}")
    GroupView get(Caller caller, @PathVariable String groupId) {
        return view(caller.institutionId(), groupId);
    }

    @PutMapping("/{groupId}/members/{participantId}")
    GroupView.Member enrol(Caller caller, @PathVariable String groupId,
                           @PathVariable @Pattern(regexp = GroupRequests.ID) String participantId,
                           @Valid @RequestBody GroupRequests.Enrolment request) {
        commands.sendAndWait(new EnrolParticipantCommand(AggregateIds.of(caller.institutionId(), groupId),
                participantId, request.enrolledOn()));
        return new GroupView.Member(participantId, request.enrolledOn());
    }

    @PostMapping("/{groupId}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    GroupView.Session recordSession(Caller caller, @PathVariable String groupId,
                                    @Valid @RequestBody GroupRequests.Session request) {
        String aggregateId = AggregateIds.of(caller.institutionId(), groupId);
        commands.sendAndWait(new RecordSessionCommand(aggregateId, request.sessionId(), request.heldOn(),
                request.durationMinutes(), request.format(), request.leadersPresent(),
                request.attendance().stream()
                        .map(a -> new RecordSessionCommand.Attendance(a.participantId(), a.status())).toList()));
        return view(caller.institutionId(), groupId).sessions().stream()
                .filter(s -> s.sessionId().equals(request.sessionId())).findFirst().orElseThrow();
    }

    @GetMapping("/{groupId}/sessions")
    List<GroupView.Session> sessions(Caller caller, @PathVariable String groupId) {
        return view(caller.institutionId(), groupId).sessions();
    }

    private GroupView view(String institution, String groupId) {
        GroupView view = GroupView.fold(eventStore.readEvents(AggregateIds.of(institution, groupId)).asStream());
        if (view == null) {
            throw new NotFoundException("no group " + groupId);
        }
        return view;
    }
}
