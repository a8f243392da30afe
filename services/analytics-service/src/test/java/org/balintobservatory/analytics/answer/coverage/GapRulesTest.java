package org.balintobservatory.analytics.answer.coverage;

import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.contract.survey.Timepoint;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each reason that keeps a school's unit out of the analysis, and the remedy it states. */
class GapRulesTest {

    private static final GapRules.Answers BOTH = new GapRules.Answers(true, true);
    private static final GapRules.Answers FROM_ONLY = new GapRules.Answers(true, false);
    private static final GapRules.Answers TO_ONLY = new GapRules.Answers(false, true);
    private static final GapRules.Answers NEITHER = new GapRules.Answers(false, false);

    @Test
    void membersWithoutTheFirstResponseAndMembersWaitingForTheSecondAreCountedApart() {
        List<Gap> gaps = GapRules.answers(List.of(BOTH, FROM_ONLY, FROM_ONLY, TO_ONLY, NEITHER, BOTH),
                Timepoint.BASELINE, Timepoint.POST);

        assertThat(gaps).extracting(Gap::reason).containsExactly("missing-from", "missing-to");
        assertThat(gaps).extracting(Gap::count).containsExactly(2, 2);
        assertThat(gaps.get(0).detail()).startsWith("2 members without a BASELINE response");
        assertThat(gaps.get(1).remedy()).isEqualTo("collect the POST questionnaire from those 2 members: each adds a pair");
        assertThat(gaps).noneMatch(Gap::keepsOut);
    }

    @Test
    void aGroupWhoseMembersAllAnsweredBothHasNoAnswerGap() {
        assertThat(GapRules.answers(List.of(BOTH, BOTH), Timepoint.BASELINE, Timepoint.POST)).isEmpty();
    }

    @Test
    void aUnitBelowTheThresholdNeedsTheMissingPairsAndSaysWhoCouldGiveThem() {
        Gap gap = GapRules.threshold(3, Withholding.BELOW_THRESHOLD, 5, 4).orElseThrow();

        assertThat(gap.reason()).isEqualTo("below-threshold");
        assertThat(gap.count()).isEqualTo(2);
        assertThat(gap.keepsOut()).isTrue();
        assertThat(gap.remedy()).isEqualTo("2 more members with both responses: 2 of the 4 members waiting for the"
                + " second response would do");
    }

    @Test
    void aUnitWithoutPairsNeedsTheWholeThresholdAndSaysWhenTheWaitingAreNotEnough() {
        Gap gap = GapRules.threshold(0, null, 5, 1).orElseThrow();

        assertThat(gap.count()).isEqualTo(5);
        assertThat(gap.remedy()).isEqualTo("5 more members with both responses (1 member waiting for the second"
                + " response would bring it to 1)");
    }

    @Test
    void aUnitHiddenWithASmallerOneIsSecondaryAndComesBackWhenTheSmallOneGrows() {
        Gap gap = GapRules.threshold(8, Withholding.SECONDARY, 5, 0).orElseThrow();

        assertThat(gap.reason()).isEqualTo("secondary");
        assertThat(gap.count()).isNull();
        assertThat(gap.keepsOut()).isTrue();
        assertThat(gap.remedy()).contains("to 5 pairs").contains("between 1 and 4");
    }

    @Test
    void aShownUnitHasNoThresholdGap() {
        assertThat(GapRules.threshold(5, null, 5, 3)).isEmpty();
    }

    @Test
    void sessionsWhoseRegisterLeavesOutAMemberAreNamedWithTheirNumberAndDayAndTheCorrectionIsTheRemedy() {
        Gap gap = GapRules.registers(List.of(new GroupSummary.SessionRef(1, LocalDate.of(2026, 3, 4)),
                new GroupSummary.SessionRef(3, LocalDate.of(2026, 3, 18)))).orElseThrow();

        assertThat(gap.reason()).isEqualTo("incomplete-register");
        assertThat(gap.count()).isEqualTo(2);
        assertThat(gap.sessions()).containsExactly("1 (2026-03-04)", "3 (2026-03-18)");
        assertThat(gap.remedy()).isEqualTo("correct the attendance of sessions 1 (2026-03-04), 3 (2026-03-18) with"
                + " every member enrolled on the day");
        assertThat(gap.keepsOut()).as("a register does not keep a unit out").isFalse();
    }

    @Test
    void completeRegistersHaveNoGap() {
        assertThat(GapRules.registers(List.of())).isEmpty();
    }

    @Test
    void aUnitShownLiveIsWaitingForTheNextReleaseOrHeldBackByTheLastOne() {
        assertThat(reason(GapRules.release(GapRules.Released.NO_RELEASE, null, 5))).isEqualTo("not-yet-released");
        Gap absent = GapRules.release(GapRules.Released.ABSENT, "release-3", 5).orElseThrow();
        assertThat(absent.remedy()).isEqualTo("in the next release");
        assertThat(absent.keepsOut()).isTrue();
        Gap unpublished = GapRules.release(GapRules.Released.HELD_UNPUBLISHED, "release-3", 5).orElseThrow();
        assertThat(unpublished.reason()).isEqualTo("held-back");
        assertThat(unpublished.keepsOut()).isTrue();
        assertThat(unpublished.remedy()).contains("at least 5 participants joined, left or changed their answers");
        Gap earlier = GapRules.release(GapRules.Released.HELD_WITH_EARLIER, "release-3", 5).orElseThrow();
        assertThat(earlier.reason()).isEqualTo("held-back");
        assertThat(earlier.keepsOut()).as("shown with an earlier release's figures").isFalse();
        assertThat(GapRules.release(GapRules.Released.PUBLISHED, "release-3", 5)).isEmpty();
    }

    private static String reason(Optional<Gap> gap) {
        return gap.orElseThrow().reason();
    }
}
