package org.balintobservatory.group.group;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.balintobservatory.personaldata.PseudonymousIds;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CasePresentedEvent;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupDesignChangedEvent;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.ParticipantWithdrewEvent;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionCorrectedEvent;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.balintobservatory.contract.group.SessionVoidedEvent;
import org.balintobservatory.contract.group.VoidReason;
import org.balintobservatory.support.domain.DatePolicy;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.domain.RuleViolationException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Balint group: its declared design and the changes to it, its members over time and its sessions.
 *
 * <p>Policies, each refused with its name as the problem's rule:
 * <ul>
 *   <li><em>idempotent-ids</em>: repeating a command with the same client-chosen id (groupId, participantId,
 *       sessionId, correctionId, a design change's effectiveFrom, a void's sessionId) and the same payload
 *       changes nothing; the same id with another payload is a conflict answered with what is stored;</li>
 *   <li>the design rules of {@link DesignPolicy}, for a formed group and for every change;</li>
 *   <li><em>not-in-future</em>, <em>not-before-1950</em> (rules of {@link DatePolicy}): every date of this
 *       aggregate records something that happened (formedOn, effectiveFrom, enrolledOn, withdrewOn, and a
 *       session's heldOn through {@link SessionPolicy}), so it lies from {@link DatePolicy#EARLIEST} up to and
 *       including today (UTC, from the injected clock);</li>
 *   <li><em>effective-not-before-formed</em>, <em>design-changes-in-order</em>, <em>design-differs</em>: a
 *       design change takes effect after the group was formed and after earlier changes, and changes
 *       something;</li>
 *   <li><em>pseudonymous-id</em> (rules of {@link PseudonymousIds}): participants are enrolled only under
 *       ids that do not identify them; <em>rejoin-after-withdrawal</em>: a former member rejoins after
 *       leaving;</li>
 *   <li><em>withdrawer-is-member</em>, <em>withdraw-after-enrolment</em>, <em>present-after-withdrawal</em>:
 *       only a current member withdraws, not before joining, and not before a session they attended;</li>
 *   <li>the session rules of {@link SessionPolicy}, for a recorded session and for every correction;</li>
 *   <li><em>session-not-voided</em>: a voided session is not corrected; unknown sessions are not found.</li>
 *   <li>nothing is recorded for a group that was never formed: Axon finds no stream, or one without a
 *       group (a programme's), and refuses to load it.</li>
 * </ul>
 * A member is expected at a session held on a date from their enrolment up to and including the day they
 * withdrew.
 */
@Aggregate(cache = "groupCache")
public class BalintGroup {

    @AggregateIdentifier
    private String aggregateId;
    private GroupFormedEvent formation;
    private GroupDesign currentDesign;
    private final TreeMap<LocalDate, GroupDesign> designChanges = new TreeMap<>();
    private final Map<String, List<Membership>> memberships = new HashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Correction> corrections = new HashMap<>();

    private record Membership(LocalDate enrolledOn, LocalDate withdrewOn) {

        boolean covers(LocalDate date) {
            return !enrolledOn.isAfter(date) && (withdrewOn == null || !date.isAfter(withdrewOn));
        }
    }

    /**
     * A session as first recorded, as last corrected, and whether it was voided. Immutable: each event
     * sourcing handler puts a new one in place of the old.
     */
    private record Session(SessionState original, SessionState current, VoidReason voided) {

        /**
         * The session's recorded state, grown by the attendance and case events that follow its
         * {@code SessionHeldEvent} in the same command, before any correction can have changed it.
         */
        Session recorded(SessionState state) {
            return new Session(state, state, voided);
        }

        Session corrected(SessionState state) {
            return new Session(original, state, voided);
        }

        Session voided(VoidReason reason) {
            return new Session(original, current, reason);
        }
    }

    private record Correction(String sessionId, SessionState state) {
    }

    protected BalintGroup() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(FormGroupCommand command, Clock clock) {
        GroupFormedEvent event = new GroupFormedEvent(command.institutionId(), command.groupId(),
                command.programmeId(), command.design(), command.formedOn());
        if (formation != null) {
            if (!formation.equals(event)) {
                throw new ConflictException("group " + command.groupId() + " was formed with other details",
                        Map.of("groupId", formation.groupId(), "programmeId", formation.programmeId(),
                                "design", formation.design(), "formedOn", formation.formedOn()));
            }
            return;
        }
        DesignPolicy.check(command.design());
        DatePolicy.happened("formedOn", command.formedOn(), clock);
        apply(event);
    }

    @CommandHandler
    void handle(ChangeGroupDesignCommand command, Clock clock) {
        GroupDesign stored = designChanges.get(command.effectiveFrom());
        if (stored != null) {
            if (!stored.equals(command.design())) {
                throw new ConflictException("a different design change takes effect from " + command.effectiveFrom(),
                        Map.of("effectiveFrom", command.effectiveFrom(), "design", stored));
            }
            return;
        }
        DesignPolicy.check(command.design());
        DatePolicy.happened("effectiveFrom", command.effectiveFrom(), clock);
        if (command.effectiveFrom().isBefore(formation.formedOn())) {
            throw new RuleViolationException("effectiveFrom", "effective-not-before-formed",
                    "the group was formed on " + formation.formedOn());
        }
        if (!designChanges.isEmpty() && command.effectiveFrom().isBefore(designChanges.lastKey())) {
            throw new RuleViolationException("effectiveFrom", "design-changes-in-order",
                    "a later design change already takes effect from " + designChanges.lastKey());
        }
        if (command.design().equals(currentDesign)) {
            throw new RuleViolationException("design", "design-differs", "the group already has this design");
        }
        apply(new GroupDesignChangedEvent(formation.institutionId(), formation.groupId(), command.design(),
                command.effectiveFrom()));
    }

    @CommandHandler
    void handle(EnrolParticipantCommand command, Clock clock) {
        PseudonymousIds.check(command.participantId()).ifPresent(refusal -> {
            throw new RuleViolationException("participantId", refusal.rule(), refusal.message());
        });
        List<Membership> history = memberships.get(command.participantId());
        if (history != null) {
            if (history.stream().anyMatch(m -> m.enrolledOn().equals(command.enrolledOn()))) {
                return;
            }
            Membership last = history.get(history.size() - 1);
            if (last.withdrewOn() == null) {
                throw new ConflictException("participant " + command.participantId() + " is already enrolled",
                        Map.of("participantId", command.participantId(), "enrolledOn", last.enrolledOn()));
            }
        }
        DatePolicy.happened("enrolledOn", command.enrolledOn(), clock);
        if (history != null) {
            LocalDate left = history.get(history.size() - 1).withdrewOn();
            if (!command.enrolledOn().isAfter(left)) {
                throw new RuleViolationException("enrolledOn", "rejoin-after-withdrawal",
                        command.participantId() + " withdrew on " + left + " and can rejoin only after that day");
            }
        }
        apply(new ParticipantEnrolledEvent(formation.institutionId(), formation.groupId(), command.participantId(),
                command.enrolledOn()));
    }

    @CommandHandler
    void handle(WithdrawParticipantCommand command, Clock clock) {
        List<Membership> history = memberships.get(command.participantId());
        if (history == null) {
            throw new RuleViolationException("participantId", "withdrawer-is-member",
                    command.participantId() + " is not a member of the group");
        }
        Membership last = history.get(history.size() - 1);
        if (last.withdrewOn() != null) {
            if (last.withdrewOn().equals(command.withdrewOn())) {
                return;
            }
            throw new ConflictException("participant " + command.participantId() + " already withdrew",
                    Map.of("participantId", command.participantId(), "enrolledOn", last.enrolledOn(),
                            "withdrewOn", last.withdrewOn()));
        }
        DatePolicy.happened("withdrewOn", command.withdrewOn(), clock);
        if (command.withdrewOn().isBefore(last.enrolledOn())) {
            throw new RuleViolationException("withdrewOn", "withdraw-after-enrolment",
                    command.participantId() + " was enrolled on " + last.enrolledOn());
        }
        sessions.entrySet().stream()
                .filter(e -> e.getValue().voided() == null)
                .filter(e -> e.getValue().current().heldOn().isAfter(command.withdrewOn()))
                .filter(e -> e.getValue().current().attendance().get(command.participantId()) == AttendanceStatus.PRESENT)
                .findFirst()
                .ifPresent(e -> {
                    throw new RuleViolationException("withdrewOn", "present-after-withdrawal",
                            command.participantId() + " was present at session " + e.getKey() + " on "
                                    + e.getValue().current().heldOn() + "; correct that session first");
                });
        apply(new ParticipantWithdrewEvent(formation.institutionId(), formation.groupId(), command.participantId(),
                command.withdrewOn()));
    }

    @CommandHandler
    void handle(RecordSessionCommand command, Clock clock) {
        List<AttendanceEntry> attendance = orEmpty(command.attendance());
        List<PresentedCase> cases = orEmpty(command.cases());
        SessionState requested = SessionState.of(command.heldOn(), command.durationMinutes(), command.format(),
                command.leadersPresent(), attendance, cases);
        Session existing = sessions.get(command.sessionId());
        if (existing != null) {
            if (!existing.original().equals(requested)) {
                throw new ConflictException("session " + command.sessionId() + " is recorded with other details",
                        existing.original().summary(command.sessionId()));
            }
            return;
        }
        SessionPolicy.check(groupFacts(), new SessionPolicy.Session(command.sessionId(), command.heldOn(),
                command.durationMinutes(), command.leadersPresent(), attendance, cases, command.programmeStartsOn()),
                clock);
        apply(new SessionHeldEvent(formation.institutionId(), formation.groupId(), command.sessionId(),
                command.heldOn(), command.durationMinutes(), command.format(), command.leadersPresent(),
                attendance.size(), cases.size()));
        for (AttendanceEntry a : attendance) {
            apply(new AttendanceRecordedEvent(formation.institutionId(), formation.groupId(), command.sessionId(),
                    command.heldOn(), a.participantId(), a.status()));
        }
        for (PresentedCase c : cases) {
            apply(new CasePresentedEvent(formation.institutionId(), formation.groupId(), command.sessionId(),
                    command.heldOn(), c.caseId(), c.presenterId(), List.copyOf(c.themes()), c.emotionalIntensity()));
        }
    }

    @CommandHandler
    void handle(CorrectSessionCommand command, Clock clock) {
        List<AttendanceEntry> attendance = orEmpty(command.attendance());
        List<PresentedCase> cases = orEmpty(command.cases());
        SessionState requested = SessionState.of(command.heldOn(), command.durationMinutes(), command.format(),
                command.leadersPresent(), attendance, cases);
        Correction stored = corrections.get(command.correctionId());
        if (stored != null) {
            if (!stored.sessionId().equals(command.sessionId()) || !stored.state().equals(requested)) {
                Map<String, Object> summary = stored.state().summary(stored.sessionId());
                summary.put("correctionId", command.correctionId());
                throw new ConflictException("correction " + command.correctionId() + " was made with other details",
                        summary);
            }
            return;
        }
        Session session = sessions.get(command.sessionId());
        if (session == null) {
            throw new NotFoundException("no session " + command.sessionId() + " is recorded for this group");
        }
        if (session.voided() != null) {
            throw new RuleViolationException("sessionId", "session-not-voided",
                    "session " + command.sessionId() + " was voided (" + session.voided() + ") and cannot be corrected");
        }
        SessionPolicy.check(groupFacts(), new SessionPolicy.Session(command.sessionId(), command.heldOn(),
                command.durationMinutes(), command.leadersPresent(), attendance, cases, command.programmeStartsOn()),
                clock);
        apply(new SessionCorrectedEvent(formation.institutionId(), formation.groupId(), command.sessionId(),
                command.correctionId(), command.heldOn(), command.durationMinutes(), command.format(),
                command.leadersPresent(), List.copyOf(attendance),
                cases.stream().map(c -> new PresentedCase(c.caseId(), c.presenterId(), List.copyOf(c.themes()),
                        c.emotionalIntensity())).toList()));
    }

    @CommandHandler
    void handle(VoidSessionCommand command) {
        Session session = sessions.get(command.sessionId());
        if (session == null) {
            throw new NotFoundException("no session " + command.sessionId() + " is recorded for this group");
        }
        if (session.voided() != null) {
            if (session.voided() != command.reason()) {
                throw new ConflictException("session " + command.sessionId() + " was voided for another reason",
                        Map.of("sessionId", command.sessionId(), "reason", session.voided()));
            }
            return;
        }
        apply(new SessionVoidedEvent(formation.institutionId(), formation.groupId(), command.sessionId(),
                command.reason()));
    }

    /** What the session rules check a session against. */
    private SessionPolicy.Group groupFacts() {
        return new SessionPolicy.Group(formation.formedOn(), this::isMemberOn, memberships.keySet(),
                this::caseUsedElsewhere);
    }

    private boolean isMemberOn(String participantId, LocalDate date) {
        List<Membership> history = memberships.get(participantId);
        return history != null && history.stream().anyMatch(m -> m.covers(date));
    }

    private boolean caseUsedElsewhere(String caseId, String sessionId) {
        return sessions.entrySet().stream()
                .filter(e -> !e.getKey().equals(sessionId))
                .anyMatch(e -> e.getValue().original().cases().containsKey(caseId)
                        || e.getValue().current().cases().containsKey(caseId));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    @EventSourcingHandler
    void on(GroupFormedEvent event) {
        this.aggregateId = event.institutionId() + "/" + event.groupId();
        this.formation = event;
        this.currentDesign = event.design();
    }

    @EventSourcingHandler
    void on(GroupDesignChangedEvent event) {
        designChanges.put(event.effectiveFrom(), event.design());
        currentDesign = event.design();
    }

    @EventSourcingHandler
    void on(ParticipantEnrolledEvent event) {
        memberships.computeIfAbsent(event.participantId(), p -> new ArrayList<>())
                .add(new Membership(event.enrolledOn(), null));
    }

    @EventSourcingHandler
    void on(ParticipantWithdrewEvent event) {
        List<Membership> history = memberships.get(event.participantId());
        Membership last = history.remove(history.size() - 1);
        history.add(new Membership(last.enrolledOn(), event.withdrewOn()));
    }

    @EventSourcingHandler
    void on(SessionHeldEvent event) {
        SessionState held = new SessionState(event.heldOn(), event.durationMinutes(), event.format(),
                event.leadersPresent(), Map.of(), Map.of());
        sessions.put(event.sessionId(), new Session(held, held, null));
    }

    @EventSourcingHandler
    void on(AttendanceRecordedEvent event) {
        Session session = sessions.get(event.sessionId());
        sessions.put(event.sessionId(),
                session.recorded(session.original().withAttendance(event.participantId(), event.status())));
    }

    @EventSourcingHandler
    void on(CasePresentedEvent event) {
        Session session = sessions.get(event.sessionId());
        sessions.put(event.sessionId(), session.recorded(session.original().withCase(event.caseId(),
                new SessionState.Case(event.presenterId(), SessionState.themes(event.themes()),
                        event.emotionalIntensity()))));
    }

    @EventSourcingHandler
    void on(SessionCorrectedEvent event) {
        SessionState corrected = SessionState.of(event.heldOn(), event.durationMinutes(), event.format(),
                event.leadersPresent(), event.attendance(), event.cases());
        sessions.put(event.sessionId(), sessions.get(event.sessionId()).corrected(corrected));
        corrections.put(event.correctionId(), new Correction(event.sessionId(), corrected));
    }

    @EventSourcingHandler
    void on(SessionVoidedEvent event) {
        sessions.put(event.sessionId(), sessions.get(event.sessionId()).voided(event.reason()));
    }
}
