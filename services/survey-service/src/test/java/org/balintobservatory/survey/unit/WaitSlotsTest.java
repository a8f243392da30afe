package org.balintobservatory.survey.unit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitSlotsTest {

    @Test
    void anInstitutionThatFillsItsOwnTurnsLeavesTheOthersTheirs() {
        WaitSlots slots = new WaitSlots(2, 5);
        assertThat(slots.tryTake("school-a")).isTrue();
        assertThat(slots.tryTake("school-a")).isTrue();
        assertThat(slots.tryTake("school-a")).as("school A's third request waits for no turn").isFalse();
        assertThat(slots.tryTake("school-b")).isTrue();
        assertThat(slots.waiting("school-a")).isEqualTo(2);
        assertThat(slots.waiting("school-b")).isEqualTo(1);
    }

    @Test
    void theTotalBoundsManyInstitutionsTogether() {
        WaitSlots slots = new WaitSlots(2, 3);
        assertThat(slots.tryTake("school-a")).isTrue();
        assertThat(slots.tryTake("school-a")).isTrue();
        assertThat(slots.tryTake("school-b")).isTrue();
        assertThat(slots.tryTake("school-c")).as("every turn of the service is taken").isFalse();
        assertThat(slots.waiting("school-c")).isZero();
    }

    @Test
    void aTurnGivenBackCanBeTakenAgainAndLeavesNothingBehind() {
        WaitSlots slots = new WaitSlots(1, 2);
        assertThat(slots.tryTake("school-a")).isTrue();
        slots.give("school-a");
        assertThat(slots.waiting("school-a")).isZero();
        assertThat(slots.tryTake("school-a")).isTrue();
        assertThat(slots.tryTake("school-b")).isTrue();
    }

    @Test
    void oneInstitutionMayNotHoldEveryTurnOfTheService() {
        assertThatThrownBy(() -> new UnitProperties("group", java.time.Duration.ofSeconds(1), 4, 4,
                java.time.Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
