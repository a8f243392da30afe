package org.balintobservatory.analytics.unit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairedMomentsTest {

    // x = (10, 12, 14), y = (11, 15, 16): by hand, x̄ = 12, ȳ = 14, Σ(x−x̄)² = 8, Σ(y−ȳ)² = 14,
    // Σ(x−x̄)(y−ȳ) = 6 + 0 + 4 = 10, r = 10/√112, changes (1, 3, 2) with SD 1.
    private static final PairedMoments THREE = PairedMoments.EMPTY.add(10, 11).add(12, 15).add(14, 16);

    @Test
    void addingPairsGivesTheTwoPassMoments() {
        assertThat(THREE.n()).isEqualTo(3);
        assertThat(THREE.meanFrom()).isCloseTo(12, within(1e-12));
        assertThat(THREE.meanTo()).isCloseTo(14, within(1e-12));
        assertThat(THREE.m2From()).isCloseTo(8, within(1e-12));
        assertThat(THREE.m2To()).isCloseTo(14, within(1e-12));
        assertThat(THREE.coMoment()).isCloseTo(10, within(1e-12));
        assertThat(THREE.sdFrom()).isCloseTo(2, within(1e-12));
        assertThat(THREE.correlation()).isCloseTo(10 / Math.sqrt(112), within(1e-12));
        assertThat(THREE.meanChange()).isCloseTo(2, within(1e-12));
        assertThat(THREE.sdChange()).isCloseTo(1, within(1e-12));
    }

    @Test
    void removingAPairUndoesAddingIt() {
        PairedMoments two = PairedMoments.EMPTY.add(10, 11).add(14, 16);
        PairedMoments back = THREE.remove(12, 15);
        assertThat(back.n()).isEqualTo(2);
        assertThat(back.meanFrom()).isCloseTo(two.meanFrom(), within(1e-12));
        assertThat(back.meanTo()).isCloseTo(two.meanTo(), within(1e-12));
        assertThat(back.m2From()).isCloseTo(two.m2From(), within(1e-12));
        assertThat(back.m2To()).isCloseTo(two.m2To(), within(1e-12));
        assertThat(back.coMoment()).isCloseTo(two.coMoment(), within(1e-12));
    }

    @Test
    void removingTheLastPairLeavesExactlyEmpty() {
        assertThat(PairedMoments.EMPTY.add(3.7, 9.1).remove(3.7, 9.1)).isEqualTo(PairedMoments.EMPTY);
        assertThatThrownBy(() -> PairedMoments.EMPTY.remove(1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mergingEqualsAddingEverythingToOne() {
        PairedMoments a = PairedMoments.EMPTY.add(10, 11);
        PairedMoments b = PairedMoments.EMPTY.add(12, 15).add(14, 16);
        PairedMoments merged = a.merge(b);
        assertThat(merged.n()).isEqualTo(3);
        assertThat(merged.m2From()).isCloseTo(8, within(1e-12));
        assertThat(merged.m2To()).isCloseTo(14, within(1e-12));
        assertThat(merged.coMoment()).isCloseTo(10, within(1e-12));
        assertThat(PairedMoments.EMPTY.merge(b)).isEqualTo(b);
        assertThat(b.merge(PairedMoments.EMPTY)).isEqualTo(b);
    }

    @Test
    void spreadAndCorrelationNeedTwoPairs() {
        PairedMoments one = PairedMoments.EMPTY.add(1, 2);
        assertThat(one.sdFrom()).isNull();
        assertThat(one.sdChange()).isNull();
        assertThat(one.correlation()).isNull();
    }
}
