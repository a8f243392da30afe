package org.balintobservatory.support.batch;

import org.balintobservatory.support.web.TooBusyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a batch is taken while the analytics projection is behind, and how often the lag is read to decide it. */
class BatchAdmissionTest {

    private static final long MAX_LAG = 1_000;

    @Test
    void aBatchIsTakenWhileTheLagIsAtMostTheBound() {
        assertThat(BatchAdmission.decide(true, OptionalLong.of(0), MAX_LAG).admitted()).isTrue();
        // At the bound itself: the rule is lag ≤ maxLag.
        assertThat(BatchAdmission.decide(true, OptionalLong.of(MAX_LAG), MAX_LAG).admitted()).isTrue();
    }

    @Test
    void aBatchIsRefusedOnceTheLagPassesTheBound() {
        BatchAdmission.Decision decision = BatchAdmission.decide(true, OptionalLong.of(MAX_LAG + 1), MAX_LAG);

        assertThat(decision.admitted()).isFalse();
        assertThat(decision.reason()).contains("1001 records behind", "1000", "nothing of this batch was stored");
    }

    @Test
    void anUnknownLagTakesTheBatch() {
        assertThat(BatchAdmission.decide(true, OptionalLong.empty(), MAX_LAG).admitted()).isTrue();
    }

    @Test
    void withBackpressureOffEveryBatchIsTakenAndTheLagIsNeverRead() {
        Lag lag = new Lag(MAX_LAG * 100);
        BatchAdmission admission = new BatchAdmission(properties(false, Duration.ofSeconds(1)), lag, clock());

        admission.admit();

        assertThat(lag.readings).hasValue(0);
    }

    @Test
    void aRefusalSaysWhenToSendAgain() {
        BatchAdmission admission = new BatchAdmission(properties(true, Duration.ZERO), new Lag(MAX_LAG + 1), clock());

        assertThatThrownBy(admission::admit).isInstanceOfSatisfying(TooBusyException.class, e -> {
            assertThat(e.type()).isEqualTo(BatchAdmission.PROBLEM_TYPE);
            assertThat(e.retryAfterSeconds()).isEqualTo(7);
        });
    }

    /** One reading answers for the refresh period, however many batches ask; after it, the lag is read again. */
    @Test
    void theLagIsReadAtMostOncePerRefresh() {
        Lag lag = new Lag(MAX_LAG + 1);
        BatchRunnerTest.MovingClock clock = clock();
        BatchAdmission admission = new BatchAdmission(properties(true, Duration.ofSeconds(2)), lag, clock);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(admission::admit).isInstanceOf(TooBusyException.class);
        }
        assertThat(lag.readings).hasValue(1);

        lag.records = 0;
        clock.advance(Duration.ofMillis(1_999));
        assertThatThrownBy(admission::admit).as("still the first reading").isInstanceOf(TooBusyException.class);
        clock.advance(Duration.ofMillis(1));
        admission.admit();
        assertThat(lag.readings).hasValue(2);
    }

    @Test
    void theResearchTopicsCountWhenNoTopicIsNamed() {
        assertThat(properties(true, Duration.ZERO).topics())
                .containsExactly("balint.group-events.v1", "balint.survey-events.v1");
    }

    private static BackpressureProperties properties(boolean enabled, Duration refresh) {
        return new BackpressureProperties(enabled, "analytics-read-models", List.of(), MAX_LAG, Duration.ofSeconds(7),
                refresh);
    }

    private static BatchRunnerTest.MovingClock clock() {
        return new BatchRunnerTest.MovingClock();
    }

    private static final class Lag implements ProjectionLag {
        final AtomicInteger readings = new AtomicInteger();
        volatile long records;

        Lag(long records) {
            this.records = records;
        }

        @Override
        public OptionalLong records() {
            readings.incrementAndGet();
            return OptionalLong.of(records);
        }
    }
}
