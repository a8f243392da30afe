package org.balintobservatory.metaanalysis.moments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The accumulator against direct two-pass computations and against itself (merge, removal,
 * storage). Reference statistics for the small example come from R:
 * {@code pre <- c(12,15,11,18,14,16,13,17); post <- c(15,16,14,21,15,19,13,20);
 * mean(pre); mean(post); sd(pre); sd(post); cov(pre, post); cor(pre, post); sd(post - pre)}.
 */
class PairedMomentsTest {

    private static final double[] PRE = {12, 15, 11, 18, 14, 16, 13, 17};
    private static final double[] POST = {15, 16, 14, 21, 15, 19, 13, 20};

    @Test
    void statisticsMatchR() {
        PairedMoments moments = PairedMoments.ofPairs(PRE, POST);

        assertThat(moments.count()).isEqualTo(8);
        assertThat(moments.meanFrom()).isCloseTo(14.5, within(1e-12));
        assertThat(moments.meanTo()).isCloseTo(16.625, within(1e-12));
        assertThat(moments.meanChange()).isCloseTo(2.125, within(1e-12));
        assertThat(moments.sdFrom()).isCloseTo(2.449489742783, within(1e-10));
        assertThat(moments.sdTo()).isCloseTo(2.973093626895, within(1e-10));
        assertThat(moments.covariance()).isCloseTo(6.642857142857, within(1e-10));
        assertThat(moments.correlation()).isCloseTo(0.912159323822, within(1e-10));
        assertThat(moments.sdChange()).isCloseTo(1.246423454758, within(1e-10));
    }

    @Test
    void combineEqualsAddingEverything() {
        Random random = new Random(20240611);
        PairedMoments all = new PairedMoments();
        PairedMoments[] parts = {new PairedMoments(), new PairedMoments(), new PairedMoments()};
        for (int i = 0; i < 300; i++) {
            double from = 40 + 8 * random.nextGaussian();
            double to = from + 3 + 5 * random.nextGaussian();
            all.add(from, to);
            parts[i % 7 == 0 ? 0 : i % 2 + 1].add(from, to);
        }
        PairedMoments merged = parts[0].copy().combine(parts[1]).combine(parts[2]);

        assertSameState(merged.state(), all.state());
        assertThat(merged.correlation()).isCloseTo(all.correlation(), within(1e-12));
    }

    @Test
    void combineWithEmptyIsIdentity() {
        PairedMoments data = PairedMoments.ofPairs(PRE, POST);
        PairedMoments empty = new PairedMoments();

        assertThat(data.copy().combine(empty).state()).isEqualTo(data.state());
        assertThat(empty.combine(data).state()).isEqualTo(data.state());
    }

    @Test
    void removeUndoesAdd() {
        PairedMoments moments = PairedMoments.ofPairs(PRE, POST);
        PairedMomentsState before = moments.state();

        moments.add(30, 12).add(-4, 55.5);
        moments.remove(-4, 55.5).remove(30, 12);

        assertSameState(moments.state(), before);
    }

    @Test
    void removingAPairEqualsNeverHavingAddedIt() {
        PairedMoments withoutThird = new PairedMoments();
        for (int i = 0; i < PRE.length; i++) {
            if (i != 2) {
                withoutThird.add(PRE[i], POST[i]);
            }
        }
        PairedMoments corrected = PairedMoments.ofPairs(PRE, POST).remove(PRE[2], POST[2]);

        assertSameState(corrected.state(), withoutThird.state());
    }

    @Test
    void removingEverythingLeavesAnEmptyAccumulator() {
        PairedMoments moments = PairedMoments.ofPairs(PRE, POST);
        for (int i = PRE.length - 1; i >= 0; i--) {
            moments.remove(PRE[i], POST[i]);
        }

        assertThat(moments.state()).isEqualTo(PairedMomentsState.EMPTY);
        assertThat(moments.meanFrom()).isNaN();
        assertThatThrownBy(() -> moments.remove(1, 2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void storedStateRoundTripsAndContinuesIdentically() {
        PairedMoments original = PairedMoments.ofPairs(PRE, POST);
        PairedMomentsState stored = original.state();
        PairedMoments restored = PairedMoments.of(stored);

        assertThat(restored.state()).isEqualTo(stored);
        original.add(20, 25).remove(PRE[0], POST[0]);
        restored.add(20, 25).remove(PRE[0], POST[0]);
        assertThat(restored.state()).isEqualTo(original.state());
    }

    @Test
    void stableForLargeOffsets() {
        // Scores far from zero: the textbook sum-of-squares formula loses every digit here.
        double offset = 1e9;
        double[] from = new double[PRE.length];
        double[] to = new double[POST.length];
        for (int i = 0; i < PRE.length; i++) {
            from[i] = offset + PRE[i];
            to[i] = offset + POST[i];
        }
        PairedMoments moments = PairedMoments.ofPairs(from, to);

        assertThat(moments.sdFrom()).isCloseTo(2.449489742783, within(1e-6));
        assertThat(moments.correlation()).isCloseTo(0.912159323822, within(1e-6));
        assertThat(moments.sdChange()).isCloseTo(1.246423454758, within(1e-6));
    }

    @Test
    void undefinedStatisticsAreNaN() {
        PairedMoments single = new PairedMoments().add(3, 4);
        assertThat(single.sdFrom()).isNaN();
        assertThat(single.covariance()).isNaN();
        assertThat(single.correlation()).isNaN();
        assertThat(single.sdChange()).isNaN();

        PairedMoments constantPre = PairedMoments.ofPairs(new double[] {5, 5, 5}, new double[] {1, 2, 4});
        assertThat(constantPre.sdFrom()).isZero();
        assertThat(constantPre.correlation()).isNaN();
    }

    @Test
    void rejectsNonFiniteValuesAndCorruptStates() {
        assertThatThrownBy(() -> new PairedMoments().add(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PairedMoments().add(1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PairedMomentsState(-1, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PairedMomentsState(3, 0, 0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PairedMomentsState(0, 1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PairedMoments.ofPairs(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameState(PairedMomentsState actual, PairedMomentsState expected) {
        assertThat(actual.n()).isEqualTo(expected.n());
        assertThat(actual.meanFrom()).isCloseTo(expected.meanFrom(), within(1e-9));
        assertThat(actual.meanTo()).isCloseTo(expected.meanTo(), within(1e-9));
        assertThat(actual.m2From()).isCloseTo(expected.m2From(), within(1e-7));
        assertThat(actual.m2To()).isCloseTo(expected.m2To(), within(1e-7));
        assertThat(actual.coMoment()).isCloseTo(expected.coMoment(), within(1e-7));
    }
}
