package org.balintobservatory.analytics.answer.coverage;

import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.contract.survey.Timepoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules that say what keeps a unit out of the analysis and what would bring it in. Each is a plain
 * function of what the read models hold about the school's own unit; none sees another institution.
 *
 * <ol>
 *   <li><b>Answers.</b> A member forms a pair only with a response at both timepoints of the question: members
 *       without one at the first timepoint ({@code missing-from}) cannot pair unless it is sent; members with the
 *       first and not the second ({@code missing-to}) pair as soon as the second arrives.</li>
 *   <li><b>Threshold</b> (Hundepool et al. 2012, §4.2): a unit of fewer than t pairs is in no researcher's
 *       answer ({@code below-threshold}); t − n more pairs bring it in. A unit with no pairs at all has n = 0.</li>
 *   <li><b>Secondary suppression</b> (§4.3): a unit of t or more hidden so that a smaller one beside it cannot be
 *       worked out by subtraction ({@code secondary}) comes in once no unit beside it is between 1 and t − 1.</li>
 *   <li><b>Registers.</b> A session's attendance names every member enrolled on its day; a member enrolled later
 *       with an earlier date is missing from the registers recorded before (group-service: late data entry), and
 *       the attendance and dose moderators count them as never there until the session is corrected
 *       ({@code incomplete-register}; which sessions, {@link GroupSummary#incompleteRegisters()}).</li>
 *   <li><b>Releases</b> (docs/security.md, data releases): researchers see the latest release, so a unit shown
 *       live is in their analysis only once a release publishes it: {@code not-yet-released} (new since the last
 *       cut: the next release publishes it) or {@code held-back} (the last release held it back, with or without
 *       earlier figures: a release publishes its new state once it differs by at least t participants from
 *       every state published before).</li>
 * </ol>
 */
public final class GapRules {

    private GapRules() {
    }

    /** Whether one current member has a response at each timepoint of the question. */
    public record Answers(boolean from, boolean to) {
    }

    /** Rule 1: the members without a response at the first timepoint, and with the first but not the second. */
    public static List<Gap> answers(List<Answers> members, Timepoint from, Timepoint to) {
        long withoutFrom = members.stream().filter(m -> !m.from()).count();
        long withoutTo = members.stream().filter(m -> m.from() && !m.to()).count();
        List<Gap> gaps = new ArrayList<>();
        if (withoutFrom > 0) {
            gaps.add(new Gap("missing-from", (int) withoutFrom, null,
                    members(withoutFrom) + " without a " + from + " response: without it a member forms no pair",
                    "send the " + from + " responses of " + them(withoutFrom) + ", if they were collected", false));
        }
        if (withoutTo > 0) {
            gaps.add(new Gap("missing-to", (int) withoutTo, null,
                    members(withoutTo) + " answered at " + from + " but not yet at " + to,
                    "collect the " + to + " questionnaire from " + them(withoutTo) + ": each adds a pair", false));
        }
        return gaps;
    }

    /**
     * Rules 2 and 3: why a unit with {@code pairs} pairs is hidden from researchers, if it is.
     *
     * @param withheld    the reason disclosure control gives for the unit, {@code null} when it is shown
     * @param waitingForTo members who answered at the first timepoint and not yet at the second
     */
    public static Optional<Gap> threshold(long pairs, Withholding withheld, int minCellSize, long waitingForTo) {
        if (pairs < minCellSize) {
            long needed = minCellSize - pairs;
            String remedy = needed + " more " + (needed == 1 ? "member" : "members") + " with both responses";
            if (waitingForTo > 0) {
                remedy += waitingForTo >= needed
                        ? ": " + needed + " of the " + members(waitingForTo) + " waiting for the second response would do"
                        : " (" + members(waitingForTo) + " waiting for the second response would bring it to "
                        + (pairs + waitingForTo) + ")";
            }
            return Optional.of(new Gap("below-threshold", (int) needed, null, pairs + " "
                    + (pairs == 1 ? "pair" : "pairs") + ", fewer than the minimum of " + minCellSize
                    + ": no researcher's answer shows or pools a unit this small", remedy, true));
        }
        if (withheld == Withholding.SECONDARY) {
            return Optional.of(new Gap("secondary", null, null, "hidden with a smaller unit beside it in the same"
                    + " programme or institution, so that the smaller one cannot be worked out by subtraction",
                    "bring the units below the threshold beside it (in its programme or institution) to "
                            + minCellSize + " pairs; it is shown once none has between 1 and " + (minCellSize - 1),
                    true));
        }
        return Optional.empty();
    }

    /**
     * Rule 4: the sessions whose register leaves out a member enrolled by their day
     * ({@link GroupSummary#incompleteRegisters()}, kept in the group's profile by the projection).
     */
    public static Optional<Gap> registers(List<GroupSummary.SessionRef> incomplete) {
        if (incomplete.isEmpty()) {
            return Optional.empty();
        }
        List<String> sessions = incomplete.stream().map(r -> r.number() + " (" + r.heldOn() + ")").toList();
        int n = sessions.size();
        return Optional.of(new Gap("incomplete-register", n, sessions,
                (n == 1 ? "1 session's register leaves out" : n + " sessions' registers leave out")
                        + " members enrolled by that day: mean attendance and dose count them as never there",
                "correct the attendance of " + (n == 1 ? "session " : "sessions ") + String.join(", ", sessions)
                        + " with every member enrolled on the day", false));
    }

    /** Where the latest data release stands on a unit the school's live view shows. */
    public enum Released {
        /** No release has been cut yet. */
        NO_RELEASE,
        /** The latest release has no entry for the unit: it had no pairs, or too few, when it was cut. */
        ABSENT,
        /** The latest release held the unit back with nothing published before: no figures. */
        HELD_UNPUBLISHED,
        /** The latest release held the unit back with an earlier release's figures. */
        HELD_WITH_EARLIER,
        /** The latest release publishes the unit's figures of the time it was cut. */
        PUBLISHED
    }

    /**
     * Rule 5: what keeps a unit that the school's live view shows (t or more pairs, not hidden) out of the
     * researchers' analysis, which is the latest release.
     *
     * @param release the latest release's name, {@code null} before the first
     */
    public static Optional<Gap> release(Released state, String release, int minCellSize) {
        String threshold = "at least " + minCellSize + " participants joined, left or changed their answers";
        return switch (state) {
            case NO_RELEASE -> Optional.of(new Gap("not-yet-released", null, null,
                    "no data release has been cut yet; researchers see releases only", "in the first release", true));
            case ABSENT -> Optional.of(new Gap("not-yet-released", null, null,
                    "not in " + release + ", which was cut before the unit had enough pairs", "in the next release", true));
            case HELD_UNPUBLISHED -> Optional.of(new Gap("held-back", null, null,
                    "held back by " + release + " with nothing published before",
                    "in the first release cut after " + threshold + " since the states published before", true));
            case HELD_WITH_EARLIER -> Optional.of(new Gap("held-back", null, null,
                    release + " shows the figures an earlier release published",
                    "its figures of now appear in the first release cut after " + threshold
                            + " since every state published before", false));
            case PUBLISHED -> Optional.empty();
        };
    }

    private static String members(long n) {
        return n == 1 ? "1 member" : n + " members";
    }

    private static String them(long n) {
        return n == 1 ? "that member" : "those " + n + " members";
    }
}
