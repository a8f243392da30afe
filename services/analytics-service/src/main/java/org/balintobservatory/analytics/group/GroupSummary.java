package org.balintobservatory.analytics.group;

import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.SessionHeldEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-group read model: plain Java, folded event by event, so it is tested without infrastructure.
 * One instance per group aggregate; {@link #lastSequence} makes applying an event twice a no-op.
 */
public final class GroupSummary {

    final String aggregateId;
    String institutionId;
    String groupId;
    String programmeId;
    GroupDesign design;
    LocalDate formedOn;
    int members;
    final Map<String, Session> sessions = new LinkedHashMap<>();
    long lastSequence = -1;
    Instant updatedAt;

    GroupSummary(String aggregateId) {
        this.aggregateId = aggregateId;
    }

    /** One session's attendance, counted by status. */
    static final class Session {
        LocalDate heldOn;
        final Map<AttendanceStatus, Integer> attendance = new EnumMap<>(AttendanceStatus.class);
    }

    /**
     * Applies one event of this group's stream.
     *
     * @return whether it changed anything: false for an event at or before {@link #lastSequence}
     */
    boolean apply(long sequence, Instant time, Object event) {
        if (sequence >= 0 && sequence <= lastSequence) {
            return false;
        }
        if (event instanceof GroupFormedEvent e) {
            institutionId = e.institutionId();
            groupId = e.groupId();
            programmeId = e.programmeId();
            design = e.design();
            formedOn = e.formedOn();
        } else if (event instanceof ParticipantEnrolledEvent) {
            members++;
        } else if (event instanceof SessionHeldEvent e) {
            Session session = sessions.computeIfAbsent(e.sessionId(), k -> new Session());
            session.heldOn = e.heldOn();
        } else if (event instanceof AttendanceRecordedEvent e) {
            sessions.computeIfAbsent(e.sessionId(), k -> new Session()).attendance.merge(e.status(), 1, Integer::sum);
        } else {
            return false;
        }
        if (sequence >= 0) {
            lastSequence = sequence;
        }
        updatedAt = time;
        return true;
    }

    public int sessionsHeld() {
        return sessions.size();
    }

    public int count(AttendanceStatus status) {
        return sessions.values().stream().mapToInt(s -> s.attendance.getOrDefault(status, 0)).sum();
    }

    public int attendanceRecords() {
        return sessions.values().stream().mapToInt(s -> s.attendance.values().stream().mapToInt(i -> i).sum()).sum();
    }
}
