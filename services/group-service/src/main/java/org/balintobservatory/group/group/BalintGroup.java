package org.balintobservatory.group.group;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.balintobservatory.support.web.ConflictException;
import org.balintobservatory.support.web.NotFoundException;
import org.balintobservatory.support.web.RuleViolationException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Balint group: its declared design, its members and its sessions.
 *
 * <p>Policies, each refused with its name:
 * <ul>
 *   <li><em>group-must-exist</em>: nothing is recorded for a group that was never formed;</li>
 *   <li><em>idempotent-ids</em>: repeating a create with the same id and payload changes nothing; the same id
 *       with another payload is a conflict;</li>
 *   <li><em>not-in-future</em>: a session cannot be held after today;</li>
 *   <li><em>not-before-formed</em>: a session cannot be held before the group was formed;</li>
 *   <li><em>attendee-is-member</em>: attendance is recorded only for members enrolled on the session's date;</li>
 *   <li><em>attendance-complete</em>: every member enrolled on that date appears exactly once.</li>
 * </ul>
 */
@Aggregate
public class BalintGroup {

    @AggregateIdentifier
    private String aggregateId;
    private GroupFormedEvent formation;
    private final Map<String, LocalDate> enrolledOn = new HashMap<>();
    private final Map<String, RecordedSession> sessions = new HashMap<>();

    protected BalintGroup() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(FormGroupCommand command) {
        GroupFormedEvent event = new GroupFormedEvent(command.institutionId(), command.groupId(),
                command.programmeId(), command.design(), command.formedOn());
        if (formation != null) {
            if (!formation.equals(event)) {
                throw new ConflictException("group " + command.groupId() + " was formed with another design",
                        Map.of("programmeId", formation.programmeId(), "design", formation.design(),
                                "formedOn", formation.formedOn()));
            }
            return;
        }
        apply(event);
    }

    @CommandHandler
    void handle(EnrolParticipantCommand command) {
        requireFormed();
        LocalDate existing = enrolledOn.get(command.participantId());
        if (existing != null) {
            if (!existing.equals(command.enrolledOn())) {
                throw new ConflictException("participant " + command.participantId() + " is already enrolled",
                        Map.of("participantId", command.participantId(), "enrolledOn", existing));
            }
            return;
        }
        apply(new ParticipantEnrolledEvent(formation.institutionId(), formation.groupId(), command.participantId(),
                command.enrolledOn()));
    }

    @CommandHandler
    void handle(RecordSessionCommand command, Clock clock) {
        requireFormed();
        RecordedSession requested = RecordedSession.of(command);
        RecordedSession existing = sessions.get(command.sessionId());
        if (existing != null) {
            if (!existing.equals(requested)) {
                throw new ConflictException("session " + command.sessionId() + " is recorded with other details",
                        Map.of("sessionId", command.sessionId(), "heldOn", existing.heldOn(),
                                "attendanceRecords", existing.attendance().size()));
            }
            return;
        }
        if (command.heldOn().isAfter(LocalDate.now(clock))) {
            throw new RuleViolationException("heldOn", "not-in-future", "heldOn " + command.heldOn() + " is in the future");
        }
        if (command.heldOn().isBefore(formation.formedOn())) {
            throw new RuleViolationException("heldOn", "not-before-formed",
                    "heldOn is before the group was formed on " + formation.formedOn());
        }
        Set<String> seen = new HashSet<>();
        List<RecordSessionCommand.Attendance> attendance = command.attendance();
        for (int i = 0; i < attendance.size(); i++) {
            String participant = attendance.get(i).participantId();
            LocalDate since = enrolledOn.get(participant);
            if (since == null || since.isAfter(command.heldOn())) {
                throw new RuleViolationException("attendance[" + i + "].participantId", "attendee-is-member",
                        participant + " was not a member of the group on " + command.heldOn());
            }
            if (!seen.add(participant)) {
                throw new RuleViolationException("attendance[" + i + "].participantId", "attendance-complete",
                        participant + " appears twice");
            }
        }
        List<String> missing = enrolledOn.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(command.heldOn()) && !seen.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        if (!missing.isEmpty()) {
            throw new RuleViolationException("attendance", "attendance-complete",
                    "members enrolled on " + command.heldOn() + " are missing: " + String.join(", ", missing));
        }

        apply(new SessionHeldEvent(formation.institutionId(), formation.groupId(), command.sessionId(),
                command.heldOn(), command.durationMinutes(), command.format(), command.leadersPresent(),
                attendance.size(), 0));
        for (RecordSessionCommand.Attendance a : attendance) {
            apply(new AttendanceRecordedEvent(formation.institutionId(), formation.groupId(), command.sessionId(),
                    command.heldOn(), a.participantId(), a.status()));
        }
    }

    private void requireFormed() {
        if (formation == null) {
            throw new NotFoundException("no such group");
        }
    }

    @EventSourcingHandler
    void on(GroupFormedEvent event) {
        this.aggregateId = event.institutionId() + "/" + event.groupId();
        this.formation = event;
    }

    @EventSourcingHandler
    void on(ParticipantEnrolledEvent event) {
        enrolledOn.put(event.participantId(), event.enrolledOn());
    }

    @EventSourcingHandler
    void on(SessionHeldEvent event) {
        sessions.put(event.sessionId(), new RecordedSession(event.heldOn(), event.durationMinutes(), event.format(),
                event.leadersPresent(), new HashMap<>()));
    }

    @EventSourcingHandler
    void on(AttendanceRecordedEvent event) {
        sessions.get(event.sessionId()).attendance().put(event.participantId(), event.status());
    }
}
