package org.balintobservatory.analytics.answer.comparison.engine;

import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.support.domain.RuleViolationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The moderators researchers compare units by. Categorical ones feed subgroup analyses, continuous ones
 * meta-regressions.
 *
 * <p>Buckets: planned and observed group size as ≤6, 7–9, 10–12, ≥13 members; observed meeting frequency
 * from sessions per month as weekly (≥ 3.25, about 4.3 expected), fortnightly (≥ 1.6, about 2.2 expected)
 * or monthly (below), the midpoints between the nominal rates.
 */
public enum Moderator {

    GROUP_SIZE("groupSize", Kind.CATEGORICAL, p -> sizeBucket(p.plannedSize())),
    OBSERVED_GROUP_SIZE("observedGroupSize", Kind.CATEGORICAL, p -> sizeBucket(p.meanAttendance())),
    FACILITATION_STYLE("facilitationStyle", Kind.CATEGORICAL, Moderators::facilitationStyle),
    LEADERS("leaders", Kind.CATEGORICAL, p -> leadersLevel(p.leaders())),
    ACCREDITED_LEADER("accreditedLeader", Kind.CATEGORICAL,
            p -> p.accreditedLeader() == null ? null : p.accreditedLeader() ? "accredited" : "not-accredited"),
    MEETING_FREQUENCY("meetingFrequency", Kind.CATEGORICAL, Moderators::meetingFrequency),
    OBSERVED_FREQUENCY("observedFrequency", Kind.CATEGORICAL, p -> frequencyBucket(p.sessionsPerMonth())),
    FORMAT("format", Kind.CATEGORICAL, Moderators::format),
    PARTICIPANT_TYPE("participantType", Kind.CATEGORICAL, Moderators::participantType),
    COUNTRY("country", Kind.CATEGORICAL, Moderators::country),
    ARM("arm", Kind.CATEGORICAL, p -> p.arm() == null ? null : p.arm().name()),

    MEAN_ATTENDANCE("meanAttendance", Kind.CONTINUOUS, Moderators::meanAttendance),
    SESSIONS_PER_MONTH("sessionsPerMonth", Kind.CONTINUOUS, Moderators::sessionsPerMonth),
    MEAN_DOSE("meanDose", Kind.CONTINUOUS, Moderators::meanDose),
    PLANNED_SIZE("plannedSize", Kind.CONTINUOUS, Moderators::plannedSize);

    public enum Kind { CATEGORICAL, CONTINUOUS }

    private final String parameter;
    private final Kind kind;
    private final Function<Moderators, ?> value;

    Moderator(String parameter, Kind kind, Function<Moderators, ?> value) {
        this.parameter = parameter;
        this.kind = kind;
        this.value = value;
    }

    /** The name used in query parameters, responses and CSV columns. */
    public String parameter() {
        return parameter;
    }

    public Kind kind() {
        return kind;
    }

    /** The unit's level of a categorical moderator, or {@code null} when unknown. */
    public String level(Moderators moderators) {
        Object v = value.apply(moderators);
        return v == null ? null : v.toString();
    }

    /** The unit's value of a continuous moderator, or {@code null} when unknown. */
    public Double number(Moderators moderators) {
        Object v = value.apply(moderators);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    public static Optional<Moderator> byParameter(String parameter) {
        return Arrays.stream(values()).filter(m -> m.parameter.equals(parameter)).findFirst();
    }

    /**
     * The categorical moderator of a subgroup analysis, {@code moderator=groupSize}.
     *
     * @throws RuleViolationException naming {@code moderator} when there is none of that name, or it is continuous
     */
    public static Moderator categorical(String name) {
        Moderator m = byParameter(name).orElseThrow(() -> new RuleViolationException("moderator", "one-of",
                "unknown moderator " + name + "; one of " + names(Kind.CATEGORICAL)));
        if (m.kind() != Kind.CATEGORICAL) {
            throw new RuleViolationException("moderator", "categorical", name
                    + " is continuous: use /meta-regression?moderators=" + name);
        }
        return m;
    }

    /**
     * The moderators of a meta-regression, {@code meanAttendance,plannedSize}: each a continuous moderator,
     * named once, none left empty. ({@code ",,,"} names none, which no model can be fitted on.)
     *
     * @throws RuleViolationException naming {@code moderators}
     */
    public static List<Moderator> continuous(String moderators) {
        List<Moderator> by = new ArrayList<>();
        for (String name : moderators.split(",", -1)) {
            Moderator m = oneContinuous(name.trim());
            if (by.contains(m)) {
                throw new RuleViolationException("moderators", "once", m.parameter() + " is named twice");
            }
            by.add(m);
        }
        return List.copyOf(by);
    }

    private static Moderator oneContinuous(String name) {
        if (name.isEmpty()) {
            throw new RuleViolationException("moderators", "not-empty", "moderators is a comma-separated list of "
                    + "continuous moderators without empty entries; one of " + names(Kind.CONTINUOUS));
        }
        Moderator m = byParameter(name).orElseThrow(() -> new RuleViolationException("moderators", "one-of",
                "unknown moderator " + name + "; one of " + names(Kind.CONTINUOUS)));
        if (m.kind() != Kind.CONTINUOUS) {
            throw new RuleViolationException("moderators", "continuous", name
                    + " is categorical: use /comparison?moderator=" + name);
        }
        return m;
    }

    private static String names(Kind kind) {
        return Arrays.stream(values()).filter(m -> m.kind() == kind).map(Moderator::parameter)
                .collect(Collectors.joining(", "));
    }

    static String sizeBucket(Double size) {
        if (size == null) {
            return null;
        }
        long members = Math.round(size);
        if (members <= 6) {
            return "<=6";
        }
        if (members <= 9) {
            return "7-9";
        }
        return members <= 12 ? "10-12" : ">=13";
    }

    /** One leader is single-led, two co-led; a unit mixing both has no level. */
    static String leadersLevel(Double leaders) {
        if (leaders == null) {
            return null;
        }
        if (leaders == 1.0) {
            return "single";
        }
        return leaders == 2.0 ? "co-led" : null;
    }

    static String frequencyBucket(Double sessionsPerMonth) {
        if (sessionsPerMonth == null) {
            return null;
        }
        if (sessionsPerMonth >= 3.25) {
            return "WEEKLY";
        }
        return sessionsPerMonth >= 1.6 ? "FORTNIGHTLY" : "MONTHLY";
    }
}
