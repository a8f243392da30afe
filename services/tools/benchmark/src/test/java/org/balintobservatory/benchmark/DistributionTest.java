package org.balintobservatory.benchmark;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistributionTest {

    @Test
    void percentilesAreNearestRankSoEveryFigureWasObserved() {
        List<Double> samples = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            samples.add((double) i);
        }
        Distribution d = Distribution.of(samples);
        // Nearest rank: ceil(0.5 × 200) = 100th, ceil(0.99 × 200) = 198th smallest.
        assertThat(d.min()).isEqualTo(1.0);
        assertThat(d.median()).isEqualTo(100.0);
        assertThat(d.p99()).isEqualTo(198.0);
        assertThat(d.max()).isEqualTo(200.0);
        assertThat(d.n()).isEqualTo(200);
    }

    @Test
    void withFewerThanAHundredSamplesP99IsTheMaximum() {
        Distribution d = Distribution.of(List.of(5.0, 1.0, 3.0));
        assertThat(d.median()).isEqualTo(3.0);
        assertThat(d.p99()).isEqualTo(5.0);
    }

    @Test
    void aSingleSampleIsEveryFigure() {
        Distribution d = Distribution.of(List.of(7.5));
        assertThat(List.of(d.min(), d.median(), d.p99(), d.max())).containsOnly(7.5);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Distribution.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
