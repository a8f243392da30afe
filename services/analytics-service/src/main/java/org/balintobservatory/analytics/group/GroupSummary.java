package org.balintobservatory.analytics.group;

import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CasePresentedEvent;
import org.balintobservatory.contract.group.CaseTheme;
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

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The per-group read model: plain Java, folded event by event, so it is tested without infrastructure.
 * One instance per group aggregate; {@link #lastSequence} makes applying an event twice a no-op.
 *
 * <p>Sessions keep who attended and which cases were presented, not just counts, because a
 * {@link SessionCorrectedEvent} or {@link SessionVoidedEvent} must undo exactly what the session had
 * contributed, including each member's dose.
 */
public final class GroupSummary {

    /** Average days per month of the Gregorian calendar (365.25 / 12). */
    static final double DAYS_PER_MONTH = 30.4375;

    final String aggregateId;
    String institutionId;
    String groupId;
    String programmeId;
    LocalDate formedOn;
    /** The declared design and every change of it, ordered by the date it took effect. */
    final List<DesignPeriod> designHistory = new ArrayList<>();
    final Map<String, Membership> members = new TreeMap<>();
    final Map<String, Session> sessions = new LinkedHashMap<>();
    long lastSequence = -1;
    Instant updatedAt;

    public GroupSummary(String aggregateId) {
        this.aggregateId = aggregateId;
    }

    /** A design and the first day it applied. */
    public record DesignPeriod(LocalDate effectiveFrom, GroupDesign design) {
    }

    /** A member's time in the group; {@code withdrewOn} is {@code null} while they stay. */
    public static final class Membership {
        LocalDate enrolledOn;
        LocalDate withdrewOn;

        Membership(LocalDate enrolledOn, LocalDate withdrewOn) {
            this.enrolledOn = enrolledOn;
            this.withdrewOn = withdrewOn;
        }

        public LocalDate enrolledOn() {
            return enrolledOn;
        }

        public LocalDate withdrewOn() {
            return withdrewOn;
        }
    }

    /** A case as the read model keeps it: its presenter and themes, never anything about the patient. */
    public record CaseRecord(String caseId, String presenterId, List<CaseTheme> themes, Integer emotionalIntensity) {
    }

    /** One session as last recorded or corrected. */
    static final class Session {
        LocalDate heldOn;
        int durationMinutes;
        SessionFormat format;
        int leadersPresent;
        boolean corrected;
        final Map<String, AttendanceStatus> attendance = new TreeMap<>();
        final Map<String, CaseRecord> cases = new LinkedHashMap<>();
    }

    public String aggregateId() {
        return aggregateId;
    }

    public String institutionId() {
        return institutionId;
    }

    public String groupId() {
        return groupId;
    }

    public String programmeId() {
        return programmeId;
    }

    /**
     * Applies one event of this group's stream.
     *
     * @param touched told the id of every member whose membership or dose the event may have changed
     * @return whether it changed anything: false for an event at or before {@link #lastSequence}
     */
    public boolean apply(long sequence, Instant time, Object event, Consumer<String> touched) {
        if (sequence >= 0 && sequence <= lastSequence) {
            return false;
        }
        if (event instanceof GroupFormedEvent e) {
            institutionId = e.institutionId();
            groupId = e.groupId();
            programmeId = e.programmeId();
            formedOn = e.formedOn();
            designHistory.add(0, new DesignPeriod(e.formedOn(), e.design()));
        } else if (event instanceof GroupDesignChangedEvent e) {
            designHistory.add(new DesignPeriod(e.effectiveFrom(), e.design()));
            designHistory.sort(Comparator.comparing(DesignPeriod::effectiveFrom,
                    Comparator.nullsFirst(Comparator.naturalOrder())));
        } else if (event instanceof ParticipantEnrolledEvent e) {
            members.put(e.participantId(), new Membership(e.enrolledOn(), null));
            touched.accept(e.participantId());
        } else if (event instanceof ParticipantWithdrewEvent e) {
            members.computeIfAbsent(e.participantId(), k -> new Membership(null, null)).withdrewOn = e.withdrewOn();
            touched.accept(e.participantId());
        } else if (event instanceof SessionHeldEvent e) {
            Session session = sessions.computeIfAbsent(e.sessionId(), k -> new Session());
            session.heldOn = e.heldOn();
            session.durationMinutes = e.durationMinutes();
            session.format = e.format();
            session.leadersPresent = e.leadersPresent();
        } else if (event instanceof AttendanceRecordedEvent e) {
            Session session = sessions.computeIfAbsent(e.sessionId(), k -> new Session());
            if (session.heldOn == null) {
                session.heldOn = e.heldOn();
            }
            session.attendance.put(e.participantId(), e.status());
            touched.accept(e.participantId());
        } else if (event instanceof CasePresentedEvent e) {
            Session session = sessions.computeIfAbsent(e.sessionId(), k -> new Session());
            session.cases.put(e.caseId(), new CaseRecord(e.caseId(), e.presenterId(), List.copyOf(e.themes()),
                    e.emotionalIntensity()));
        } else if (event instanceof SessionCorrectedEvent e) {
            Session previous = sessions.get(e.sessionId());
            if (previous != null) {
                previous.attendance.keySet().forEach(touched);
            }
            Session session = new Session();
            session.heldOn = e.heldOn();
            session.durationMinutes = e.durationMinutes();
            session.format = e.format();
            session.leadersPresent = e.leadersPresent();
            session.corrected = true;
            for (AttendanceEntry entry : e.attendance()) {
                session.attendance.put(entry.participantId(), entry.status());
                touched.accept(entry.participantId());
            }
            for (PresentedCase c : e.cases()) {
                session.cases.put(c.caseId(), new CaseRecord(c.caseId(), c.presenterId(), List.copyOf(c.themes()),
                        c.emotionalIntensity()));
            }
            sessions.put(e.sessionId(), session);
        } else if (event instanceof SessionVoidedEvent e) {
            Session voided = sessions.remove(e.sessionId());
            if (voided != null) {
                voided.attendance.keySet().forEach(touched);
            }
        } else {
            return false;
        }
        if (sequence >= 0) {
            lastSequence = sequence;
        }
        updatedAt = time;
        return true;
    }

    /** The design in force now: the one with the latest effective date. */
    public GroupDesign design() {
        return designHistory.isEmpty() ? null : designHistory.get(designHistory.size() - 1).design();
    }

    public List<DesignPeriod> designHistory() {
        return List.copyOf(designHistory);
    }

    public Map<String, Membership> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    public int sessionsHeld() {
        return sessions.size();
    }

    public int count(AttendanceStatus status) {
        return (int) sessions.values().stream().flatMap(s -> s.attendance.values().stream())
                .filter(status::equals).count();
    }

    public int attendanceRecords() {
        return sessions.values().stream().mapToInt(s -> s.attendance.size()).sum();
    }

    /** Members present per session, the effective group size; {@code null} before the first session. */
    public Double meanAttendancePerSession() {
        return sessions.isEmpty() ? null : (double) count(AttendanceStatus.PRESENT) / sessions.size();
    }

    /** Present records over all attendance records; {@code null} while there are none. */
    public Double attendanceRate() {
        int records = attendanceRecords();
        return records == 0 ? null : (double) count(AttendanceStatus.PRESENT) / records;
    }

    /** One session's attendance, for figures over time. */
    public record SessionAttendance(LocalDate heldOn, int present, int records) {
    }

    /** Every counted session's attendance, earliest first. */
    public List<SessionAttendance> sessionAttendance() {
        return sessions.values().stream().filter(s -> s.heldOn != null)
                .map(s -> new SessionAttendance(s.heldOn,
                        (int) s.attendance.values().stream().filter(a -> a == AttendanceStatus.PRESENT).count(),
                        s.attendance.size()))
                .sorted(java.util.Comparator.comparing(SessionAttendance::heldOn)).toList();
    }

    /** Session dates, earliest first. */
    public List<LocalDate> sessionDates() {
        return sessions.values().stream().map(s -> s.heldOn).filter(java.util.Objects::nonNull).sorted().toList();
    }

    /**
     * Observed meeting frequency: (sessions − 1) intervals over the months between the first and the last
     * session, so weekly meetings give about 4.35 whatever their number. {@code null} below two sessions
     * or when all fall on one day.
     */
    public Double sessionsPerMonth() {
        List<LocalDate> dates = sessionDates();
        if (dates.size() < 2) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(dates.get(0), dates.get(dates.size() - 1));
        return days == 0 ? null : (dates.size() - 1) / (days / DAYS_PER_MONTH);
    }

    /** Sessions a member was present at: their dose. */
    public int dose(String participantId) {
        return (int) sessions.values().stream()
                .filter(s -> s.attendance.get(participantId) == AttendanceStatus.PRESENT).count();
    }

    /** Sessions that recorded the member's attendance at all. */
    public int sessionsRecorded(String participantId) {
        return (int) sessions.values().stream().filter(s -> s.attendance.containsKey(participantId)).count();
    }

    /** Mean dose over every member ever enrolled; {@code null} without members. */
    public Double meanDose() {
        return members.isEmpty() ? null
                : members.keySet().stream().mapToInt(this::dose).average().orElseThrow();
    }

    public int casesPresented() {
        return sessions.values().stream().mapToInt(s -> s.cases.size()).sum();
    }

    /** How many presented cases carried each theme; a case with two themes counts for both. */
    public Map<CaseTheme, Integer> themeCounts() {
        Map<CaseTheme, Integer> counts = new EnumMap<>(CaseTheme.class);
        sessions.values().forEach(s -> s.cases.values().forEach(
                c -> c.themes().forEach(t -> counts.merge(t, 1, Integer::sum))));
        return counts;
    }

    /** Members still enrolled. */
    public int activeMembers() {
        return (int) members.values().stream().filter(m -> m.withdrewOn == null).count();
    }

    /** Withdrawn members. */
    public int withdrawals() {
        return members.size() - activeMembers();
    }

    /**
     * Enrolled members over time: one point per date on which someone joined or left, with the count
     * from that day on.
     */
    public List<MembersAt> membersOverTime() {
        TreeMap<LocalDate, Integer> changes = new TreeMap<>();
        for (Membership m : members.values()) {
            if (m.enrolledOn != null) {
                changes.merge(m.enrolledOn, 1, Integer::sum);
            }
            if (m.withdrewOn != null) {
                changes.merge(m.withdrewOn, -1, Integer::sum);
            }
        }
        List<MembersAt> points = new ArrayList<>();
        int running = 0;
        for (Map.Entry<LocalDate, Integer> change : changes.entrySet()) {
            running += change.getValue();
            points.add(new MembersAt(change.getKey(), running));
        }
        return points;
    }

    /** The number of enrolled members from a date on. */
    public record MembersAt(LocalDate date, int members) {
    }
}
