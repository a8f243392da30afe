package org.balintobservatory.analytics.comparison;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

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
    FACILITATION_STYLE("facilitationStyle", Kind.CATEGORICAL, UnitProfile::facilitationStyle),
    LEADERS("leaders", Kind.CATEGORICAL, p -> leadersLevel(p.leaders())),
    ACCREDITED_LEADER("accreditedLeader", Kind.CATEGORICAL,
            p -> p.accreditedLeader() == null ? null : p.accreditedLeader() ? "accredited" : "not-accredited"),
    MEETING_FREQUENCY("meetingFrequency", Kind.CATEGORICAL, UnitProfile::meetingFrequency),
    OBSERVED_FREQUENCY("observedFrequency", Kind.CATEGORICAL, p -> frequencyBucket(p.sessionsPerMonth())),
    FORMAT("format", Kind.CATEGORICAL, UnitProfile::format),
    PARTICIPANT_TYPE("participantType", Kind.CATEGORICAL, UnitProfile::participantType),
    COUNTRY("country", Kind.CATEGORICAL, UnitProfile::country),
    ARM("arm", Kind.CATEGORICAL, UnitProfile::arm),

    MEAN_ATTENDANCE("meanAttendance", Kind.CONTINUOUS, UnitProfile::meanAttendance),
    SESSIONS_PER_MONTH("sessionsPerMonth", Kind.CONTINUOUS, UnitProfile::sessionsPerMonth),
    MEAN_DOSE("meanDose", Kind.CONTINUOUS, UnitProfile::meanDose),
    PLANNED_SIZE("plannedSize", Kind.CONTINUOUS, UnitProfile::plannedSize);

    public enum Kind { CATEGORICAL, CONTINUOUS }

    private final String parameter;
    private final Kind kind;
    private final Function<UnitProfile, ?> value;

    Moderator(String parameter, Kind kind, Function<UnitProfile, ?> value) {
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
    public String level(UnitProfile profile) {
        Object v = value.apply(profile);
        return v == null ? null : v.toString();
    }

    /** The unit's value of a continuous moderator, or {@code null} when unknown. */
    public Double number(UnitProfile profile) {
        Object v = value.apply(profile);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    public static Optional<Moderator> byParameter(String parameter) {
        return Arrays.stream(values()).filter(m -> m.parameter.equals(parameter)).findFirst();
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
