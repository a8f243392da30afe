package org.balintobservatory.group.group;

import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.support.domain.RuleViolationException;

import java.util.Objects;

/**
 * The rules a declared group design obeys, whether a group is formed with it or changes to it:
 * <em>planned-size-range</em> (2 to 30 members), <em>session-minutes-range</em> (15 to 480),
 * <em>leaders-range</em> (1 or 2 leaders) and <em>one-background-per-leader</em>.
 */
final class DesignPolicy {

    static final int MIN_PLANNED_SIZE = 2;
    static final int MAX_PLANNED_SIZE = 30;
    static final int MIN_SESSION_MINUTES = 15;
    static final int MAX_SESSION_MINUTES = 480;

    private DesignPolicy() {
    }

    static void check(GroupDesign design) {
        if (design == null || design.meetingFrequency() == null || design.format() == null
                || design.facilitation() == null || design.facilitation().style() == null) {
            throw new RuleViolationException("design", "design-complete",
                    "a design names its meeting frequency, format and facilitation style");
        }
        if (design.plannedSize() < MIN_PLANNED_SIZE || design.plannedSize() > MAX_PLANNED_SIZE) {
            throw new RuleViolationException("design.plannedSize", "planned-size-range",
                    "plannedSize must be between " + MIN_PLANNED_SIZE + " and " + MAX_PLANNED_SIZE);
        }
        if (design.sessionMinutes() < MIN_SESSION_MINUTES || design.sessionMinutes() > MAX_SESSION_MINUTES) {
            throw new RuleViolationException("design.sessionMinutes", "session-minutes-range",
                    "sessionMinutes must be between " + MIN_SESSION_MINUTES + " and " + MAX_SESSION_MINUTES);
        }
        Facilitation facilitation = design.facilitation();
        if (facilitation.leaders() < 1 || facilitation.leaders() > 2) {
            throw new RuleViolationException("design.facilitation.leaders", "leaders-range",
                    "a group has 1 or 2 leaders");
        }
        if (facilitation.leaderBackgrounds() == null
                || facilitation.leaderBackgrounds().size() != facilitation.leaders()
                || facilitation.leaderBackgrounds().stream().anyMatch(Objects::isNull)) {
            throw new RuleViolationException("design.facilitation.leaderBackgrounds", "one-background-per-leader",
                    "give exactly one background per leader (" + facilitation.leaders() + ")");
        }
    }
}
