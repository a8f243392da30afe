package org.balintobservatory.group.group;

import org.axonframework.eventhandling.DomainEventMessage;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.CasePresentedEvent;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupDesignChangedEvent;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.ParticipantWithdrewEvent;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionCorrectedEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.balintobservatory.contract.group.SessionVoidedEvent;
import org.balintobservatory.contract.group.VoidReason;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A group as its own school sees it, folded from the group's event stream: the state is the history,
 * so it is always exactly what was accepted.
 *
 * @param design        the design in force now
 * @param designHistory every design the group had, from the day it took effect
 */
public record GroupView(
        String groupId,
        String programmeId,
        LocalDate formedOn,
        GroupDesign design,
        List<DesignPeriod> designHistory,
        List<Member> members,
        int sessionsCounted,
        int sessionsVoided) {

    public record DesignPeriod(LocalDate effectiveFrom, GroupDesign design) {
    }

    /**
     * One membership period; a member who left and rejoined appears once per period. {@code participantId}
     * is the pseudonym the member is stored under, or the school's own id in the answer to a request that
     * named it.
     */
    public record Member(String participantId, LocalDate enrolledOn, LocalDate withdrewOn) {

        Member showing(String schoolId) {
            return new Member(schoolId, enrolledOn, withdrewOn);
        }
    }

    public enum SessionStatus {
        RECORDED, CORRECTED, VOIDED
    }

    /**
     * A session in its current state: as recorded, or as its latest correction says.
     *
     * @param corrections the ids of the corrections applied, oldest first
     * @param voidReason  why it no longer counts, when it was voided
     */
    public record Session(String sessionId, SessionStatus status, LocalDate heldOn, int durationMinutes,
                          SessionFormat format, int leadersPresent, List<AttendanceEntry> attendance,
                          List<PresentedCase> cases, List<String> corrections, VoidReason voidReason) {

        /**
         * The session with the school's own ids in place of the pseudonyms of the participants a request
         * named; everyone else stays under their pseudonym.
         */
        Session showing(Map<String, String> schoolIdByPseudonym) {
            return new Session(sessionId, status, heldOn, durationMinutes, format, leadersPresent,
                    attendance.stream().map(a -> new AttendanceEntry(
                            schoolIdByPseudonym.getOrDefault(a.participantId(), a.participantId()), a.status())).toList(),
                    cases.stream().map(c -> new PresentedCase(c.caseId(),
                            schoolIdByPseudonym.getOrDefault(c.presenterId(), c.presenterId()), c.themes(),
                            c.emotionalIntensity())).toList(),
                    corrections, voidReason);
        }
    }

    /** The group and its sessions, or {@code null} when the stream holds no group. */
    record Folded(GroupView group, List<Session> sessions) {
    }

    static Folded fold(Stream<? extends DomainEventMessage<?>> events) {
        Folder folder = new Folder();
        events.map(DomainEventMessage::getPayload).forEach(folder::on);
        return folder.result();
    }

    private static final class Folder {
        private GroupFormedEvent formed;
        private GroupDesign design;
        private final List<DesignPeriod> designHistory = new ArrayList<>();
        private final List<Member> members = new ArrayList<>();
        private final Map<String, Session> sessions = new LinkedHashMap<>();

        void on(Object payload) {
            if (payload instanceof GroupFormedEvent e) {
                formed = e;
                design = e.design();
                designHistory.add(new DesignPeriod(e.formedOn(), e.design()));
            } else if (payload instanceof GroupDesignChangedEvent e) {
                design = e.design();
                designHistory.add(new DesignPeriod(e.effectiveFrom(), e.design()));
            } else if (payload instanceof ParticipantEnrolledEvent e) {
                members.add(new Member(e.participantId(), e.enrolledOn(), null));
            } else if (payload instanceof ParticipantWithdrewEvent e) {
                for (int i = members.size() - 1; i >= 0; i--) {
                    Member m = members.get(i);
                    if (m.participantId().equals(e.participantId()) && m.withdrewOn() == null) {
                        members.set(i, new Member(m.participantId(), m.enrolledOn(), e.withdrewOn()));
                        break;
                    }
                }
            } else if (payload instanceof SessionHeldEvent e) {
                sessions.put(e.sessionId(), new Session(e.sessionId(), SessionStatus.RECORDED, e.heldOn(),
                        e.durationMinutes(), e.format(), e.leadersPresent(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>(), null));
            } else if (payload instanceof AttendanceRecordedEvent e) {
                sessions.get(e.sessionId()).attendance().add(new AttendanceEntry(e.participantId(), e.status()));
            } else if (payload instanceof CasePresentedEvent e) {
                sessions.get(e.sessionId()).cases().add(
                        new PresentedCase(e.caseId(), e.presenterId(), e.themes(), e.emotionalIntensity()));
            } else if (payload instanceof SessionCorrectedEvent e) {
                Session s = sessions.get(e.sessionId());
                List<String> corrections = new ArrayList<>(s.corrections());
                corrections.add(e.correctionId());
                sessions.put(e.sessionId(), new Session(e.sessionId(), SessionStatus.CORRECTED, e.heldOn(),
                        e.durationMinutes(), e.format(), e.leadersPresent(), e.attendance(), e.cases(),
                        corrections, null));
            } else if (payload instanceof SessionVoidedEvent e) {
                Session s = sessions.get(e.sessionId());
                sessions.put(e.sessionId(), new Session(s.sessionId(), SessionStatus.VOIDED, s.heldOn(),
                        s.durationMinutes(), s.format(), s.leadersPresent(), s.attendance(), s.cases(),
                        s.corrections(), e.reason()));
            }
        }

        Folded result() {
            if (formed == null) {
                return null;
            }
            List<Session> all = sessions.values().stream()
                    .map(s -> new Session(s.sessionId(), s.status(), s.heldOn(), s.durationMinutes(), s.format(),
                            s.leadersPresent(), List.copyOf(s.attendance()), List.copyOf(s.cases()),
                            List.copyOf(s.corrections()), s.voidReason()))
                    .toList();
            int voided = (int) all.stream().filter(s -> s.status() == SessionStatus.VOIDED).count();
            GroupView group = new GroupView(formed.groupId(), formed.programmeId(), formed.formedOn(), design,
                    List.copyOf(designHistory), List.copyOf(members), all.size() - voided, voided);
            return new Folded(group, all);
        }
    }
}
