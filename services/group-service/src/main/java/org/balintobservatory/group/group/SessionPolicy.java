package org.balintobservatory.group.group;

import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.support.domain.DatePolicy;
import org.balintobservatory.support.domain.RuleViolationException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The rules a session obeys, when it is recorded and when it is corrected, each refused with its name:
 * <ul>
 *   <li><em>not-in-future</em>, <em>not-before-1950</em> ({@link DatePolicy}), <em>not-before-programme-start</em>,
 *       <em>not-before-formed</em>: a session is held within its programme and group, on a day that has
 *       come;</li>
 *   <li><em>duration-range</em> (1–{@value #MAX_SESSION_MINUTES} minutes), <em>leaders-present-range</em>
 *       (0–{@value #MAX_LEADERS});</li>
 *   <li><em>attendee-is-member</em>, <em>attendance-once</em>, <em>attendance-complete</em>: the attendance
 *       lists every member enrolled on the session's date exactly once, and nobody else;</li>
 *   <li><em>case-id-unique</em>, <em>presenter-present</em>, <em>themes-count</em>, <em>themes-once</em>,
 *       <em>emotional-intensity-range</em>: each case has its own id in the group, was presented by a member
 *       marked PRESENT, and is described by 1–{@value #MAX_THEMES} distinct themes and an optional intensity
 *       of 1–5.</li>
 * </ul>
 */
final class SessionPolicy {

    static final int MAX_SESSION_MINUTES = 480;
    static final int MAX_LEADERS = 2;
    static final int MAX_THEMES = 5;

    private SessionPolicy() {
    }

    /**
     * What the group knows that a session is checked against.
     *
     * @param formedOn          the day the group was formed
     * @param memberOn          whether a participant was a member on a day
     * @param participants      everyone ever enrolled
     * @param caseUsedElsewhere whether a case id is used by another session than the one named
     */
    record Group(LocalDate formedOn, BiPredicate<String, LocalDate> memberOn, Set<String> participants,
                 BiPredicate<String, String> caseUsedElsewhere) {
    }

    /**
     * A session as recorded or corrected.
     *
     * @param programmeStartsOn the programme's first day, when known
     */
    record Session(String sessionId, LocalDate heldOn, int durationMinutes, int leadersPresent,
                   List<AttendanceEntry> attendance, List<PresentedCase> cases, LocalDate programmeStartsOn) {
    }

    static void check(Group group, Session session, Clock clock) {
        dates(group, session, clock);
        sizes(session);
        Map<String, AttendanceStatus> statuses = attendance(group, session);
        cases(group, session, statuses);
    }

    private static void dates(Group group, Session session, Clock clock) {
        LocalDate heldOn = session.heldOn();
        DatePolicy.happened("heldOn", heldOn, clock);
        if (session.programmeStartsOn() != null && heldOn.isBefore(session.programmeStartsOn())) {
            throw new RuleViolationException("heldOn", "not-before-programme-start",
                    "heldOn is before the programme starts on " + session.programmeStartsOn());
        }
        if (heldOn.isBefore(group.formedOn())) {
            throw new RuleViolationException("heldOn", "not-before-formed",
                    "heldOn is before the group was formed on " + group.formedOn());
        }
    }

    private static void sizes(Session session) {
        if (session.durationMinutes() < 1 || session.durationMinutes() > MAX_SESSION_MINUTES) {
            throw new RuleViolationException("durationMinutes", "duration-range",
                    "durationMinutes must be between 1 and " + MAX_SESSION_MINUTES);
        }
        if (session.leadersPresent() < 0 || session.leadersPresent() > MAX_LEADERS) {
            throw new RuleViolationException("leadersPresent", "leaders-present-range",
                    "leadersPresent must be between 0 and " + MAX_LEADERS);
        }
    }

    /** @return each attendee's status */
    private static Map<String, AttendanceStatus> attendance(Group group, Session session) {
        LocalDate heldOn = session.heldOn();
        List<AttendanceEntry> attendance = session.attendance();
        Map<String, AttendanceStatus> statuses = new HashMap<>();
        for (int i = 0; i < attendance.size(); i++) {
            String participant = attendance.get(i).participantId();
            if (!group.memberOn().test(participant, heldOn)) {
                throw new RuleViolationException("attendance[" + i + "].participantId", "attendee-is-member",
                        participant + " was not a member of the group on " + heldOn);
            }
            if (statuses.put(participant, attendance.get(i).status()) != null) {
                throw new RuleViolationException("attendance[" + i + "].participantId", "attendance-once",
                        participant + " appears more than once");
            }
        }
        List<String> missing = group.participants().stream()
                .filter(p -> group.memberOn().test(p, heldOn) && !statuses.containsKey(p))
                .sorted().toList();
        if (!missing.isEmpty()) {
            throw new RuleViolationException("attendance", "attendance-complete",
                    "members enrolled on " + heldOn + " are missing: " + String.join(", ", missing));
        }
        return statuses;
    }

    private static void cases(Group group, Session session, Map<String, AttendanceStatus> statuses) {
        Set<String> caseIds = new HashSet<>();
        List<PresentedCase> cases = session.cases();
        for (int i = 0; i < cases.size(); i++) {
            PresentedCase c = cases.get(i);
            String field = "cases[" + i + "]";
            if (!caseIds.add(c.caseId()) || group.caseUsedElsewhere().test(c.caseId(), session.sessionId())) {
                throw new RuleViolationException(field + ".caseId", "case-id-unique",
                        "case " + c.caseId() + " is already used in this group");
            }
            if (statuses.get(c.presenterId()) != AttendanceStatus.PRESENT) {
                throw new RuleViolationException(field + ".presenterId", "presenter-present",
                        c.presenterId() + " is not marked PRESENT at this session");
            }
            if (c.themes() == null || c.themes().isEmpty() || c.themes().size() > MAX_THEMES) {
                throw new RuleViolationException(field + ".themes", "themes-count",
                        "a case has 1 to " + MAX_THEMES + " themes");
            }
            if (SessionState.themes(c.themes()).size() != c.themes().size()) {
                throw new RuleViolationException(field + ".themes", "themes-once", "a theme is listed twice");
            }
            if (c.emotionalIntensity() != null && (c.emotionalIntensity() < 1 || c.emotionalIntensity() > 5)) {
                throw new RuleViolationException(field + ".emotionalIntensity", "emotional-intensity-range",
                        "emotionalIntensity is 1 to 5 when given");
            }
        }
    }
}
