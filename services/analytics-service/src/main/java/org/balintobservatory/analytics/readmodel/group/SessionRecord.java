package org.balintobservatory.analytics.readmodel.group;

import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CasePresentedEvent;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionCorrectedEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.balintobservatory.contract.group.SessionVoidedEvent;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One session of a group as last recorded or corrected: who attended and which cases were presented, one
 * document per session, so that an event of one session rewrites that session and not the group's history.
 *
 * <p>It keeps the details a {@link SessionCorrectedEvent} or {@link SessionVoidedEvent} must undo, and its
 * own guard, {@link #lastSequence}: the last event of the group's stream applied to it. The projection writes
 * it after its {@link GroupSummary}, so it is never ahead of the group's counters; after a crash between
 * the two writes it is behind, and the redelivered events bring it up to date without counting them again.
 */
public final class SessionRecord {

    final String id;
    LocalDate heldOn;
    int durationMinutes;
    SessionFormat format;
    int leadersPresent;
    boolean corrected;
    /**
     * Whether the session counts: recorded and not voided. A voided record is kept rather than deleted, so
     * that its guard survives.
     */
    boolean counted;
    final Map<String, AttendanceStatus> attendance = new TreeMap<>();
    final Map<String, GroupSummary.CaseRecord> cases = new LinkedHashMap<>();
    long lastSequence = -1;
    boolean changed;

    SessionRecord(String id) {
        this.id = id;
    }

    /** The document id of a group's session: the group's aggregate id and the session id. */
    public static String id(String groupAggregateId, String sessionId) {
        return groupAggregateId + "/" + sessionId;
    }

    /** The session a group event belongs to, or {@code null} for an event about the group as a whole. */
    public static String sessionOf(Object event) {
        if (event instanceof SessionHeldEvent e) {
            return e.sessionId();
        }
        if (event instanceof AttendanceRecordedEvent e) {
            return e.sessionId();
        }
        if (event instanceof CasePresentedEvent e) {
            return e.sessionId();
        }
        if (event instanceof SessionCorrectedEvent e) {
            return e.sessionId();
        }
        if (event instanceof SessionVoidedEvent e) {
            return e.sessionId();
        }
        return null;
    }

    public String id() {
        return id;
    }

    /** Applies an event of this session unless it is at or before {@link #lastSequence}. */
    void apply(long sequence, Object event) {
        if (sequence >= 0 && sequence <= lastSequence) {
            return;
        }
        // A session id used again after a void starts afresh (the void cleared it), as a new session would.
        counted = !(event instanceof SessionVoidedEvent);
        if (event instanceof SessionHeldEvent e) {
            heldOn = e.heldOn();
            durationMinutes = e.durationMinutes();
            format = e.format();
            leadersPresent = e.leadersPresent();
        } else if (event instanceof AttendanceRecordedEvent e) {
            if (heldOn == null) {
                heldOn = e.heldOn();
            }
            attendance.put(e.participantId(), e.status());
        } else if (event instanceof CasePresentedEvent e) {
            cases.put(e.caseId(), new GroupSummary.CaseRecord(e.caseId(), e.presenterId(), List.copyOf(e.themes()),
                    e.emotionalIntensity()));
        } else if (event instanceof SessionCorrectedEvent e) {
            clear();
            heldOn = e.heldOn();
            durationMinutes = e.durationMinutes();
            format = e.format();
            leadersPresent = e.leadersPresent();
            corrected = true;
            for (AttendanceEntry entry : e.attendance()) {
                attendance.put(entry.participantId(), entry.status());
            }
            for (PresentedCase c : e.cases()) {
                cases.put(c.caseId(), new GroupSummary.CaseRecord(c.caseId(), c.presenterId(),
                        List.copyOf(c.themes()), c.emotionalIntensity()));
            }
        } else if (event instanceof SessionVoidedEvent) {
            clear();
        }
        if (sequence >= 0) {
            lastSequence = sequence;
        }
        changed = true;
    }

    private void clear() {
        heldOn = null;
        durationMinutes = 0;
        format = null;
        leadersPresent = 0;
        corrected = false;
        attendance.clear();
        cases.clear();
    }

    /** Whether an event changed it since it was read. */
    public boolean changed() {
        return changed;
    }
}
