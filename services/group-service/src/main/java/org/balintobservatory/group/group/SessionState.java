package org.balintobservatory.group.group;

import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionFormat;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the group aggregate remembers of one session's state. Attendance and cases are keyed by id, so two
 * requests listing the same things in another order are the same request. Immutable: its maps are
 * unmodifiable copies, and a state with one more attendee or case is a new state.
 */
record SessionState(
        LocalDate heldOn,
        int durationMinutes,
        SessionFormat format,
        int leadersPresent,
        Map<String, AttendanceStatus> attendance,
        Map<String, Case> cases) {

    SessionState {
        attendance = Collections.unmodifiableMap(new HashMap<>(attendance));
        cases = Collections.unmodifiableMap(new LinkedHashMap<>(cases));
    }

    SessionState withAttendance(String participantId, AttendanceStatus status) {
        Map<String, AttendanceStatus> more = new HashMap<>(attendance);
        more.put(participantId, status);
        return new SessionState(heldOn, durationMinutes, format, leadersPresent, more, cases);
    }

    SessionState withCase(String caseId, Case presented) {
        Map<String, Case> more = new LinkedHashMap<>(cases);
        more.put(caseId, presented);
        return new SessionState(heldOn, durationMinutes, format, leadersPresent, attendance, more);
    }

    record Case(String presenterId, Set<CaseTheme> themes, Integer emotionalIntensity) {
    }

    static SessionState of(LocalDate heldOn, int durationMinutes, SessionFormat format, int leadersPresent,
                           List<AttendanceEntry> attendance, List<PresentedCase> cases) {
        Map<String, AttendanceStatus> byParticipant = new HashMap<>();
        attendance.forEach(a -> byParticipant.put(a.participantId(), a.status()));
        Map<String, Case> byCase = new LinkedHashMap<>();
        cases.forEach(c -> byCase.put(c.caseId(), caseOf(c)));
        return new SessionState(heldOn, durationMinutes, format, leadersPresent, byParticipant, byCase);
    }

    static Case caseOf(PresentedCase c) {
        return new Case(c.presenterId(), themes(c.themes()), c.emotionalIntensity());
    }

    static Set<CaseTheme> themes(List<CaseTheme> themes) {
        if (themes == null || themes.isEmpty() || themes.stream().anyMatch(Objects::isNull)) {
            return EnumSet.noneOf(CaseTheme.class);
        }
        return EnumSet.copyOf(themes);
    }

    /** A short description for a 409 answer; never null-valued, since problem details refuse nulls. */
    Map<String, Object> summary(String sessionId) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sessionId", sessionId);
        summary.put("heldOn", heldOn);
        summary.put("durationMinutes", durationMinutes);
        summary.put("format", format);
        summary.put("leadersPresent", leadersPresent);
        summary.put("attendanceRecords", attendance.size());
        summary.put("casesPresented", cases.size());
        return summary;
    }
}
