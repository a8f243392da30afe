package org.balintobservatory.localstack;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When the stack's JVMs are asked to collect: once after each spell of work, when the stack has gone idle. */
class IdleMemoryTest {

    private static final long INTERVAL = IdleMemory.INTERVAL.toNanos();
    private final IdleMemory.Decision decision = new IdleMemory.Decision();
    private long cpu;

    /** Feeds {@code shares} (of one core, per interval) and returns the intervals after which it collected. */
    private List<Integer> run(double... shares) {
        List<Integer> collected = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            cpu += (long) (shares[i] * INTERVAL);
            if (decision.collectAfter(cpu, INTERVAL)) {
                collected.add(i);
            }
        }
        return collected;
    }

    @Test
    void collectsOnceWhenTheStackGoesIdleAfterWorkingAndNeverWhileItWorks() {
        decision.collectAfter(0, INTERVAL);
        // 2 cores busy for 5 intervals (50 s of CPU), then idle for 4, then busy again and idle again
        assertThat(run(2, 2, 2, 2, 2, 0.01, 0.01, 0.01, 0.01, 1.9, 1.9, 1.9, 0.0, 0.0))
                .containsExactly(5, 12);
    }

    @Test
    void littleWorkIsNotWorthACollection() {
        decision.collectAfter(0, INTERVAL);
        assertThat(run(0.5, 0.01, 0.5, 0.01)).as("5 s of CPU in all").isEmpty();
        // an idle stack's own polling, a fifth of a core, for ten minutes: it never adds up to a collection
        assertThat(run(java.util.stream.DoubleStream.generate(() -> 0.2).limit(120).toArray())).isEmpty();
    }

    @Test
    void aProcessStartedAgainCountsNoNegativeWork() {
        decision.collectAfter(100 * INTERVAL, INTERVAL);
        assertThat(decision.collectAfter(INTERVAL, INTERVAL)).as("CPU time fell: a restart").isFalse();
        cpu = INTERVAL;
        assertThat(run(0.0, 0.0)).isEmpty();
    }
}
