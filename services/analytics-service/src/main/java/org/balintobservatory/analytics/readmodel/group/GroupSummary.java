package org.balintobservatory.analytics.readmodel.group;

import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupDesignChangedEvent;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.ParticipantWithdrewEvent;
import org.balintobservatory.contract.group.SessionCorrectedEvent;
import org.balintobservatory.contract.group.SessionFormat;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The per-group read model: plain Java, folded event by event, so it is tested without infrastructure.
 * One instance per group aggregate; {@link #lastSequence} makes applying an event twice a no-op.
 *
 * <p>It holds what the group's answers report and nothing of its history: what its sessions add up to
 * ({@link GroupTally}) and each attendee's dose, as counters. Who attended which session and which cases
 * were presented live in one {@link SessionRecord} per session, which the projection loads for the sessions
 * a batch touches and attaches ({@link #attach}). A session event changes its record, and the group's
 * tally moves from the record's tally before to its tally after; the difference between the record's attendance before and after is
 * what each attendee's counters move by, so a {@link SessionCorrectedEvent} or {@link SessionVoidedEvent}
 * undoes exactly what the session had counted. The counters move only when {@link #lastSequence} lets
 * the event through, and the record never runs ahead of them (see {@link SessionRecord}).
 */
public final class GroupSummary {

    /** Average days per month of the Gregorian calendar (365.25 / 12). */
    static final double DAYS_PER_MONTH = 30.4375;

    final String aggregateId;
    String institutionId;
    public String groupId;
    public String programmeId;
    public LocalDate formedOn;
    /** The declared design and every change of it, ordered by the date it took effect. */
    final List<DesignPeriod> designHistory = new ArrayList<>();
    public final Map<String, Membership> members = new TreeMap<>();
    /** What the sessions that count add up to. */
    final GroupTally tally = new GroupTally();
    /** Per participant who has an attendance record: sessions present at and sessions recorded. */
    final Map<String, Dose> doses = new TreeMap<>();
    /** The session records attached for this batch, by session id; not part of the group's document. */
    final Map<String, SessionRecord> records = new LinkedHashMap<>();
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

    /**
     * What one session counts for, a function of its {@link SessionRecord}.
     *
     * @param attendance attendance records by status
     * @param themes     presented cases by theme; a case with two themes counts for both
     */
    record SessionTally(LocalDate heldOn, Map<AttendanceStatus, Integer> attendance, int cases,
                        Map<CaseTheme, Integer> themes) {

        /** {@code null} for a record that does not count (new, or voided). */
        static SessionTally of(SessionRecord record) {
            if (!record.counted) {
                return null;
            }
            Map<AttendanceStatus, Integer> byStatus = new EnumMap<>(AttendanceStatus.class);
            record.attendance.values().forEach(status -> byStatus.merge(status, 1, Integer::sum));
            Map<CaseTheme, Integer> byTheme = new EnumMap<>(CaseTheme.class);
            record.cases.values().forEach(c -> c.themes().forEach(t -> byTheme.merge(t, 1, Integer::sum)));
            return new SessionTally(record.heldOn, byStatus, record.cases.size(), byTheme);
        }
    }

    /** Sessions held on one day and the attendance they recorded. */
    record Day(int sessions, int present, int records) {

        Day plus(Day other) {
            return new Day(sessions + other.sessions, present + other.present, records + other.records);
        }
    }

    /**
     * The sum of the tallies of every session that counts: counters, moved by the difference between a
     * session's tally before and after each of its events.
     */
    static final class GroupTally {
        int sessions;
        final Map<AttendanceStatus, Integer> attendance = new EnumMap<>(AttendanceStatus.class);
        int cases;
        final Map<CaseTheme, Integer> themes = new EnumMap<>(CaseTheme.class);
        /** Dated sessions by day; a session recorded without a date counts in everything else. */
        final TreeMap<LocalDate, Day> days = new TreeMap<>();

        /** Adds ({@code sign} 1) or takes away ({@code sign} −1) one session's tally. */
        void add(SessionTally session, int sign) {
            if (session == null) {
                return;
            }
            sessions += sign;
            session.attendance().forEach((status, n) -> merge(attendance, status, sign * n));
            cases += sign * session.cases();
            session.themes().forEach((theme, n) -> merge(themes, theme, sign * n));
            if (session.heldOn() != null) {
                int present = session.attendance().getOrDefault(AttendanceStatus.PRESENT, 0);
                int records = session.attendance().values().stream().mapToInt(Integer::intValue).sum();
                Day day = days.getOrDefault(session.heldOn(), new Day(0, 0, 0))
                        .plus(new Day(sign, sign * present, sign * records));
                if (day.sessions() == 0) {
                    days.remove(session.heldOn());
                } else {
                    days.put(session.heldOn(), day);
                }
            }
        }

        private static <K> void merge(Map<K, Integer> counts, K key, int n) {
            if (counts.merge(key, n, Integer::sum) == 0) {
                counts.remove(key);
            }
        }
    }

    /** A participant's counters in this group: sessions present at (their dose) and sessions recorded. */
    static final class Dose {
        int present;
        int recorded;

        Dose(int present, int recorded) {
            this.present = present;
            this.recorded = recorded;
        }
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
        String sessionId = SessionRecord.sessionOf(event);
        if (sequence >= 0 && sequence <= lastSequence) {
            if (sessionId != null) {
                // A record written behind its group (a crash between the two writes) catches up here.
                record(sessionId).apply(sequence, event);
            }
            return false;
        }
        if (sessionId != null) {
            applyToSession(sequence, sessionId, event, touched);
        } else if (event instanceof GroupFormedEvent e) {
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
        } else {
            return false;
        }
        if (sequence >= 0) {
            lastSequence = sequence;
        }
        updatedAt = time;
        return true;
    }

    /**
     * Applies a session event to the session's record and moves the counters by what the record's
     * attendance changed by.
     */
    private void applyToSession(long sequence, String sessionId, Object event, Consumer<String> touched) {
        SessionRecord record = record(sessionId);
        Map<String, AttendanceStatus> before = new TreeMap<>(record.attendance);
        tally.add(SessionTally.of(record), -1);
        record.apply(sequence, event);
        tally.add(SessionTally.of(record), 1);
        if (event instanceof AttendanceRecordedEvent e) {
            touched.accept(e.participantId());
        } else if (event instanceof SessionCorrectedEvent e) {
            before.keySet().forEach(touched);
            e.attendance().forEach(entry -> touched.accept(entry.participantId()));
        } else if (event instanceof SessionVoidedEvent) {
            before.keySet().forEach(touched);
        }
        Set<String> attendees = new TreeSet<>(before.keySet());
        attendees.addAll(record.attendance.keySet());
        for (String p : attendees) {
            AttendanceStatus was = before.get(p);
            AttendanceStatus is = record.attendance.get(p);
            Dose dose = doses.computeIfAbsent(p, k -> new Dose(0, 0));
            dose.present += (is == AttendanceStatus.PRESENT ? 1 : 0) - (was == AttendanceStatus.PRESENT ? 1 : 0);
            dose.recorded += (is != null ? 1 : 0) - (was != null ? 1 : 0);
            if (dose.present == 0 && dose.recorded == 0) {
                doses.remove(p);
            }
        }
    }

    /** The attached record of a session, or a new empty one for a session not seen before. */
    private SessionRecord record(String sessionId) {
        return records.computeIfAbsent(sessionId, id -> new SessionRecord(SessionRecord.id(aggregateId, id)));
    }

    /** Attaches a session's record as the store holds it, before the batch's events are applied. */
    public void attach(String sessionId, SessionRecord record) {
        records.put(sessionId, record);
    }

    /** The session records the applied events changed, to be written after the group itself. */
    public List<SessionRecord> changedSessions() {
        return records.values().stream().filter(SessionRecord::changed).toList();
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
        return tally.sessions;
    }

    public int count(AttendanceStatus status) {
        return tally.attendance.getOrDefault(status, 0);
    }

    public int attendanceRecords() {
        return tally.attendance.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Members present per session, the effective group size; {@code null} before the first session. */
    public Double meanAttendancePerSession() {
        return tally.sessions == 0 ? null : (double) count(AttendanceStatus.PRESENT) / tally.sessions;
    }

    /** Present records over all attendance records; {@code null} while there are none. */
    public Double attendanceRate() {
        int records = attendanceRecords();
        return records == 0 ? null : (double) count(AttendanceStatus.PRESENT) / records;
    }

    /** The sessions of one day and their attendance, for figures over time. */
    public record DayAttendance(LocalDate heldOn, int sessions, int present, int records) {
    }

    /** Every day with a dated session, earliest first. */
    public List<DayAttendance> attendanceByDay() {
        List<DayAttendance> days = new ArrayList<>();
        tally.days.forEach((day, t) -> days.add(new DayAttendance(day, t.sessions(), t.present(), t.records())));
        return days;
    }

    /** Session dates, earliest first; a day with two sessions appears twice. */
    public List<LocalDate> sessionDates() {
        List<LocalDate> dates = new ArrayList<>();
        tally.days.forEach((day, t) -> dates.addAll(java.util.Collections.nCopies(t.sessions(), day)));
        return dates;
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
        Dose dose = doses.get(participantId);
        return dose == null ? 0 : dose.present;
    }

    /** Sessions that recorded the member's attendance at all. */
    public int sessionsRecorded(String participantId) {
        Dose dose = doses.get(participantId);
        return dose == null ? 0 : dose.recorded;
    }

    /** Mean dose over every member ever enrolled; {@code null} without members. */
    public Double meanDose() {
        return members.isEmpty() ? null
                : members.keySet().stream().mapToInt(this::dose).average().orElseThrow();
    }

    public int casesPresented() {
        return tally.cases;
    }

    /** How many presented cases carried each theme; a case with two themes counts for both. */
    public Map<CaseTheme, Integer> themeCounts() {
        return new EnumMap<>(tally.themes);
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

    /** A dated session: its number among the group's dated sessions, earliest first, and its day. */
    public record SessionRef(int number, LocalDate heldOn) {
    }

    /**
     * The dated sessions whose attendance register leaves out a member enrolled by their day. A register names
     * every member enrolled on the session's day (group-service's {@code attendance-complete}), but a member
     * enrolled later with an earlier date (late data entry) is missing from the registers recorded before, until
     * those sessions are corrected. A day whose records are fewer than its sessions × the members enrolled on or
     * before it and not withdrawn before it counts with all its sessions.
     */
    public List<SessionRef> incompleteRegisters() {
        List<SessionRef> incomplete = new ArrayList<>();
        int number = 0;
        for (Map.Entry<LocalDate, Day> entry : tally.days.entrySet()) {
            LocalDate day = entry.getKey();
            long expected = members.values().stream()
                    .filter(m -> (m.enrolledOn == null || !m.enrolledOn.isAfter(day))
                            && (m.withdrewOn == null || !m.withdrewOn.isBefore(day)))
                    .count() * entry.getValue().sessions();
            if (entry.getValue().records() < expected) {
                for (int i = 1; i <= entry.getValue().sessions(); i++) {
                    incomplete.add(new SessionRef(number + i, day));
                }
            }
            number += entry.getValue().sessions();
        }
        return incomplete;
    }
}
