package org.balintobservatory.demo;

import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.SessionFormat;

/**
 * The effects planted in the demo data, in JSE-style total points (range 20–140, SD about 13), as
 * documented in {@code docs/demo-data.md}. A participant's true change from BASELINE to POST is
 * {@code meanDoseFraction × designEffect + PER_SESSION_ATTENDED × (sessionsAttended − groupMeanAttended) + noise}:
 * the group's mean share of its sessions attended times its design's effect, which sets the group's mean
 * change, plus a within-group dose effect of {@link #PER_SESSION_ATTENDED} points for every session a member
 * attended more than their group's mean, which leaves that mean unchanged. Control participants drift down a
 * little instead.
 */
public final class PlantedEffects {

    /**
     * The within-group dose effect: points of POST empathy per session attended, between members of one group
     * (what a participant-level model's within-group slope estimates).
     */
    public static final double PER_SESSION_ATTENDED = 0.5;
    /** Change every intervention group gets, at full dose. */
    static final double BASE = 2.0;
    /** Control cohorts: empathy erodes a little over a year of training. */
    static final double CONTROL_DRIFT = -1.5;
    /** Points per member below the largest size (15): smaller groups do better. */
    static final double PER_SEAT_BELOW_15 = 0.5;
    /** SD of baseline empathy around the institution's mean: the SMCR's denominator. */
    static final double BASELINE_SD = 13.0;
    /** SD of the individual change around the planted mean. */
    static final double CHANGE_NOISE = 7.0;
    /** Share of the POST change still there at FOLLOW_UP_1. */
    static final double RETAINED_AT_FOLLOW_UP = 0.6;
    /** Burnout subscale changes per point of empathy change: emotional exhaustion and depersonalisation fall. */
    static final double EXHAUSTION_PER_EMPATHY = -0.5;
    static final double DEPERSONALISATION_PER_EMPATHY = -0.25;
    static final double ACCOMPLISHMENT_PER_EMPATHY = 0.25;

    private PlantedEffects() {
    }

    /** The planted mean change of an intervention group at full dose. */
    public static double designEffect(GroupDesign design) {
        return BASE + frequency(design.meetingFrequency()) + (15 - design.plannedSize()) * PER_SEAT_BELOW_15
                + facilitation(design.facilitation().leaders() == 2, design.facilitation().accreditedLeader())
                + format(design.format());
    }

    /**
     * A member's planted change without noise: their group's mean share of sessions attended times the design's
     * effect, plus {@link #PER_SESSION_ATTENDED} per session attended above the group's mean.
     *
     * @param sessions     sessions the group held
     * @param meanAttended sessions attended, averaged over the group's members
     */
    public static double change(GroupDesign design, int sessions, double meanAttended, int attended) {
        double meanShare = sessions == 0 ? 0 : meanAttended / sessions;
        return meanShare * designEffect(design) + PER_SESSION_ATTENDED * (attended - meanAttended);
    }

    static double frequency(MeetingFrequency frequency) {
        return switch (frequency) {
            case WEEKLY -> 5.0;
            case FORTNIGHTLY -> 3.0;
            case MONTHLY -> 1.0;
            case OTHER -> 2.0;
        };
    }

    static double facilitation(boolean coLed, boolean accredited) {
        if (accredited) {
            return coLed ? 4.5 : 3.0;
        }
        return coLed ? 1.5 : 0.0;
    }

    static double format(SessionFormat format) {
        return switch (format) {
            case IN_PERSON -> 1.5;
            case HYBRID -> 1.0;
            case VIRTUAL -> 0.5;
        };
    }

    /**
     * The chance a member attends a session: lower in larger and in virtual groups, higher with an
     * accredited pair of leaders.
     */
    static double attendance(GroupDesign design) {
        double p = 0.9 - (design.plannedSize() - 5) * 0.01;
        p -= switch (design.format()) {
            case IN_PERSON -> 0.0;
            case HYBRID -> 0.03;
            case VIRTUAL -> 0.06;
        };
        if (design.facilitation().leaders() == 2 && design.facilitation().accreditedLeader()) {
            p += 0.03;
        }
        return p;
    }

    /** The chance a member withdraws during the year. */
    static double withdrawal(GroupDesign design) {
        return 0.06 + (design.plannedSize() - 5) * 0.006 + (design.format() == SessionFormat.VIRTUAL ? 0.05 : 0.0);
    }
}
