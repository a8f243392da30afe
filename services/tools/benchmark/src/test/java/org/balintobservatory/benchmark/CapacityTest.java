package org.balintobservatory.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Expected values are worked out by hand from the figures of {@link Results}. */
class CapacityTest {

    @Test
    void ratesComeFromTheRunsOwnFigures() {
        Capacity c = Capacity.of(Results.quiet());
        assertThat(c.ingestion()).isEqualTo(250.0);          // 10,000 events in 10 + 30 s
        assertThat(c.consumer()).isEqualTo(200.0);           // applied within 40 s of loading + 2 + 8 s of catch-up
        assertThat(c.rebuild()).isEqualTo(400.0);            // 10,000 events in the median of 50, 20 and 25 s
    }

    @Test
    void sizesAndTimesAreLinearInTheEventsOfEachScale() {
        Capacity c = Capacity.of(Results.quiet());
        assertThat(c.eventsPerInstitution()).isEqualTo(1_000.0);
        assertThat(c.events(10_000)).isEqualTo(10_000_000.0);
        assertThat(c.bytesPerEvent(c.kafkaBytes())).isEqualTo(1_000.0);
        assertThat(c.bytes(c.postgresBytes(), 1_000)).isEqualTo(2e9);         // 1,000,000 events × 2,000 bytes
        assertThat(c.seconds(c.ingestion(), 100)).isEqualTo(400.0);           // 100,000 events ÷ 250 events/s
        assertThat(c.seconds(c.rebuild(), 10_000)).isEqualTo(25_000.0);       // 10,000,000 ÷ 400
    }

    @Test
    void consumersForABulkLoadAreRoundedUp() {
        Capacity c = Capacity.of(Results.quiet());
        assertThat(c.consumersFor(3)).isEqualTo(4);                           // ⌈3 × 250 ÷ 200⌉ = ⌈3.75⌉
        assertThat(c.consumersFor(1)).isEqualTo(2);                           // ⌈1.25⌉
        assertThat(c.kafkaBytesPerSecond(3)).isCloseTo(750_000.0, within(1e-6));
    }

    @Test
    void aConsumerThatDidNotCatchUpHasNoRateAndNoReplayNoRebuildRate() {
        BenchmarkResult quiet = Results.quiet();
        List<BenchmarkResult.Phase> phases = List.of(quiet.phases().get(0), new BenchmarkResult.Phase("phase 2", 8,
                8_000, quiet.phases().get(1).load(), null, Results.QUIET, Results.QUIET));
        BenchmarkResult stuck = new BenchmarkResult(quiet.machine(), quiet.date(), quiet.command(), quiet.options(),
                quiet.consortium(), phases, quiet.latencyRounds(),
                List.of(new BenchmarkResult.Replay("FAILED", 3, 10_000)), quiet.rebuildCpu(), quiet.freshness(),
                quiet.memory(), quiet.profiles(), quiet.notes());

        Capacity c = Capacity.of(stuck);
        assertThat(c.consumer()).isNull();
        assertThat(c.rebuild()).isNull();
        assertThat(c.ingestion()).isEqualTo(250.0);
    }
}
