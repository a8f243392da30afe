package org.balintobservatory.analytics.answer.participantlevel.engine;

import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.support.domain.RuleViolationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The group-level moderators a participant-level model takes as fixed effects: numeric ones as one column,
 * categorical ones as treatment contrasts against their most common level ({@link ParticipantLevelDesign}).
 * Each is a fact of the group as the school described it ({@link Moderators}).
 */
public enum GroupModerator {

    PLANNED_SIZE("plannedSize", true, Moderators::plannedSize),
    LEADERS("leaders", true, Moderators::leaders),
    SESSIONS_PER_MONTH("sessionsPerMonth", true, Moderators::sessionsPerMonth),
    FACILITATION_STYLE("facilitationStyle", false, Moderators::facilitationStyle),
    MEETING_FREQUENCY("meetingFrequency", false, Moderators::meetingFrequency),
    FORMAT("format", false, Moderators::format),
    ACCREDITED_LEADER("accreditedLeader", false, Moderators::accreditedLeader);

    private final String parameter;
    private final boolean numeric;
    private final Function<Moderators, Object> value;

    GroupModerator(String parameter, boolean numeric, Function<Moderators, Object> value) {
        this.parameter = parameter;
        this.numeric = numeric;
        this.value = value;
    }

    public String parameter() {
        return parameter;
    }

    public boolean numeric() {
        return numeric;
    }

    /** The group's value: a number for a numeric moderator, a level's name for a categorical one; null unknown. */
    public Object value(Moderators moderators) {
        Object v = value.apply(moderators);
        if (v == null) {
            return null;
        }
        return numeric ? (Object) ((Number) v).doubleValue() : v.toString();
    }

    /**
     * {@code plannedSize,facilitationStyle}: each named once, none empty; blank names none.
     *
     * @throws RuleViolationException naming {@code moderators}
     */
    public static List<GroupModerator> parse(String moderators) {
        List<GroupModerator> by = new ArrayList<>();
        if (moderators == null || moderators.isBlank()) {
            return by;
        }
        for (String name : moderators.split(",", -1)) {
            String trimmed = name.trim();
            GroupModerator m = Arrays.stream(values()).filter(g -> g.parameter.equals(trimmed)).findFirst()
                    .orElseThrow(() -> new RuleViolationException("moderators", "one-of", (trimmed.isEmpty()
                            ? "moderators is a comma-separated list without empty entries"
                            : "unknown moderator " + trimmed) + "; one of " + Arrays.stream(values())
                            .map(GroupModerator::parameter).collect(Collectors.joining(", "))));
            if (by.contains(m)) {
                throw new RuleViolationException("moderators", "once", m.parameter + " is named twice");
            }
            by.add(m);
        }
        return List.copyOf(by);
    }
}
