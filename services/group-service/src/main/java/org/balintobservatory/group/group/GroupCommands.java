package org.balintobservatory.group.group;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.group.AggregateIds;
import org.balintobservatory.group.programme.ProgrammeQueries;
import org.balintobservatory.support.pseudonym.Pseudonyms;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a school's group requests into commands, for the HTTP API and the batch import alike, adding what
 * the group aggregate cannot know from its own stream: whether the programme exists, and when it starts.
 *
 * <p>Every participant id the school sent — a member, an attendee, a case's presenter — is replaced here by
 * its keyed pseudonym ({@link Pseudonyms}) before the command is built, so the school's ids reach no event.
 */
@Component
public class GroupCommands {

    private final CommandGateway commands;
    private final ProgrammeQueries programmes;
    private final GroupQueries groups;

    private final Pseudonyms pseudonyms;

    public GroupCommands(CommandGateway commands, ProgrammeQueries programmes, GroupQueries groups,
                         Pseudonyms pseudonyms) {
        this.commands = commands;
        this.programmes = programmes;
        this.groups = groups;
        this.pseudonyms = pseudonyms;
    }

    /** The pseudonym the school's participant id is stored under. */
    public String pseudonym(String institution, String participantId) {
        return pseudonyms.of(institution, participantId);
    }

    /** The school's own ids named in a session request, by the pseudonyms they are stored under. */
    public Map<String, String> schoolIds(String institution, List<GroupRequests.Attendance> attendance,
                                         List<GroupRequests.Case> cases) {
        Map<String, String> ids = new HashMap<>();
        attendance.forEach(a -> ids.put(pseudonym(institution, a.participantId()), a.participantId()));
        if (cases != null) {
            cases.forEach(c -> ids.put(pseudonym(institution, c.presenterId()), c.presenterId()));
        }
        return ids;
    }

    public void form(String institution, GroupRequests.FormGroup request) {
        if (programmes.find(institution, request.programmeId()).isEmpty()) {
            throw new RuleViolationException("programmeId", "programme-must-exist",
                    "no programme " + request.programmeId() + " is registered");
        }
        if (programmes.find(institution, request.groupId()).isPresent()) {
            throw new RuleViolationException("groupId", "id-not-used-by-programme",
                    request.groupId() + " is already a programme's id; programmes and groups share one namespace");
        }
        commands.sendAndWait(new FormGroupCommand(AggregateIds.of(institution, request.groupId()), institution,
                request.groupId(), request.programmeId(), design(request.design()), request.formedOn()));
    }

    public void changeDesign(String institution, String groupId, GroupRequests.DesignChange request) {
        commands.sendAndWait(new ChangeGroupDesignCommand(AggregateIds.of(institution, groupId),
                design(request.design()), request.effectiveFrom()));
    }

    public void enrol(String institution, String groupId, String participantId, GroupRequests.Enrolment request) {
        commands.sendAndWait(new EnrolParticipantCommand(AggregateIds.of(institution, groupId),
                pseudonym(institution, participantId), request.enrolledOn()));
    }

    public void withdraw(String institution, String groupId, String participantId, LocalDate withdrewOn) {
        commands.sendAndWait(new WithdrawParticipantCommand(AggregateIds.of(institution, groupId),
                pseudonym(institution, participantId), withdrewOn));
    }

    public void record(String institution, String groupId, GroupRequests.Session request) {
        LocalDate programmeStartsOn = programmeStartsOn(institution, groupId);
        commands.sendAndWait(new RecordSessionCommand(AggregateIds.of(institution, groupId), request.sessionId(),
                request.heldOn(), request.durationMinutes(), request.format(), request.leadersPresent(),
                attendance(institution, request.attendance()), cases(institution, request.cases()),
                programmeStartsOn));
    }

    public void correct(String institution, String groupId, String sessionId, GroupRequests.Correction request) {
        LocalDate programmeStartsOn = programmeStartsOn(institution, groupId);
        commands.sendAndWait(new CorrectSessionCommand(AggregateIds.of(institution, groupId), sessionId,
                request.correctionId(), request.heldOn(), request.durationMinutes(), request.format(),
                request.leadersPresent(), attendance(institution, request.attendance()),
                cases(institution, request.cases()), programmeStartsOn));
    }

    public void voidSession(String institution, String groupId, String sessionId, GroupRequests.Voiding request) {
        commands.sendAndWait(new VoidSessionCommand(AggregateIds.of(institution, groupId), sessionId,
                request.reason()));
    }

    private LocalDate programmeStartsOn(String institution, String groupId) {
        String programmeId = groups.programmeOf(institution, groupId);
        return programmes.find(institution, programmeId).map(ProgrammeRegisteredEvent::startsOn).orElse(null);
    }

    private static GroupDesign design(GroupRequests.Design d) {
        GroupRequests.Facilitation f = d.facilitation();
        return new GroupDesign(d.plannedSize(), d.meetingFrequency(), d.sessionMinutes(), d.format(),
                new Facilitation(f.style(), f.leaders(), List.copyOf(f.leaderBackgrounds()), f.accreditedLeader()));
    }

    private List<AttendanceEntry> attendance(String institution, List<GroupRequests.Attendance> attendance) {
        return attendance.stream()
                .map(a -> new AttendanceEntry(pseudonym(institution, a.participantId()), a.status())).toList();
    }

    private List<PresentedCase> cases(String institution, List<GroupRequests.Case> cases) {
        if (cases == null) {
            return List.of();
        }
        return cases.stream().map(c -> new PresentedCase(c.caseId(), pseudonym(institution, c.presenterId()),
                List.copyOf(c.themes()), c.emotionalIntensity())).toList();
    }
}
