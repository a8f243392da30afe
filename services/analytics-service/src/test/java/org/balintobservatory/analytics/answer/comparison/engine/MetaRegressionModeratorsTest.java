package org.balintobservatory.analytics.answer.comparison.engine;

import org.balintobservatory.support.domain.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The moderators list of a meta-regression: every entry a continuous moderator, named once. */
class MetaRegressionModeratorsTest {

    @Test
    void aListOfContinuousModeratorsIsReadInOrder() {
        assertThat(Moderator.continuous(" meanAttendance "))
                .containsExactly(Moderator.byParameter("meanAttendance").orElseThrow());
    }

    /** The finding: ",,," split into no moderator at all, and the model on none failed with 500. */
    @Test
    void emptyEntriesAreRefusedNamingTheParameter() {
        for (String moderators : new String[] {",,,", ",", " ", "meanAttendance,", ",meanAttendance"}) {
            assertThatThrownBy(() -> Moderator.continuous(moderators)).as(moderators)
                    .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                        assertThat(e.field()).isEqualTo("moderators");
                        assertThat(e.rule()).isEqualTo("not-empty");
                    });
        }
    }

    @Test
    void aModeratorNamedTwiceIsRefused() {
        assertThatThrownBy(() -> Moderator.continuous("meanAttendance,meanAttendance"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule()).isEqualTo("once"));
    }
}
