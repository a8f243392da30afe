package org.balintobservatory.localstack;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;

/** When the local stack's JVM collects: once after each spell of work, when the stack has gone idle. */
class IdleMemoryTest {

    private static final long INTERVAL = IdleMemory.INTERVAL.toNanos();
    private final IdleMemory.Decision decision = new IdleMemory.Decision();

    /** Feeds {@code shares} (of one core, per interval) and returns the intervals after which it collected. */
    private List<Integer> run(double... shares) {
        List<Integer> collected = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            if (decision.collectAfter((long) (shares[i] * INTERVAL), INTERVAL)) {
                collected.add(i);
            }
        }
        return collected;
    }

    @Test
    void collectsOnceWhenTheStackGoesIdleAfterWorkingAndNeverWhileItWorks() {
        // 2 cores busy for 5 intervals (50 s of CPU), then idle for 4, then busy again and idle again
        assertThat(run(2, 2, 2, 2, 2, 0.01, 0.01, 0.01, 0.01, 1.9, 1.9, 1.9, 0.0, 0.0))
                .containsExactly(5, 12);
    }

    @Test
    void littleWorkIsNotWorthACollection() {
        assertThat(run(0.5, 0.01, 0.5, 0.01)).as("5 s of CPU in all").isEmpty();
        // an idle stack's own polling, a fifth of a core, for ten minutes: it never adds up to a collection
        assertThat(run(DoubleStream.generate(() -> 0.2).limit(120).toArray())).isEmpty();
    }

    /**
     * A service started again under a new pid while the stack works: its old process's time is gone from the
     * reading, and the new one's counts whole, so the interval reads as the work it was, not as an idle one.
     */
    @Test
    void aServiceStartedAgainCountsAsWorkNotAsIdle() {
        Map<Long, Long> before = Map.of(1L, 100 * INTERVAL, 2L, 50 * INTERVAL);
        Map<Long, Long> after = Map.of(1L, 101 * INTERVAL, 3L, INTERVAL / 2);

        assertThat(IdleMemory.used(before, after)).isEqualTo(INTERVAL + INTERVAL / 2);
        assertThat(IdleMemory.used(before, Map.of(1L, 100 * INTERVAL, 2L, 50 * INTERVAL))).isZero();
    }
}
