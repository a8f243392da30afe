package org.balintobservatory.support.batch;

import org.balintobservatory.support.web.TooBusyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When a batch is taken while the analytics projection or this service's publisher is behind, and how often the
 * distances are read to decide it.
 */
class BatchAdmissionTest {

    private static final long MAX_LAG = 1_000;
    private static final long MAX_UNPUBLISHED = 300;

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
    void aPublisherFurtherBehindThanItsBoundRefusesTheBatchWhateverTheProjectionsLag() {
        // At the bound itself: the rule is unpublished ≤ maxUnpublished.
        assertThat(BatchAdmission.decide(true, OptionalLong.of(0), MAX_LAG, OptionalLong.of(MAX_UNPUBLISHED),
                MAX_UNPUBLISHED).admitted()).isTrue();

        BatchAdmission.Decision decision = BatchAdmission.decide(true, OptionalLong.of(0), MAX_LAG,
                OptionalLong.of(MAX_UNPUBLISHED + 1), MAX_UNPUBLISHED);
        assertThat(decision.admitted()).isFalse();
        assertThat(decision.reason()).contains("301 events stored and not yet published", "300",
                "nothing of this batch was stored");
        assertThat(BatchAdmission.decide(true, OptionalLong.empty(), MAX_LAG, OptionalLong.of(MAX_UNPUBLISHED + 1),
                MAX_UNPUBLISHED).admitted()).as("with the projection's lag unknown").isFalse();
    }

    @Test
    void thePublishersBacklogCountsOnlyWhereItHasABoundAndIsKnown() {
        assertThat(BatchAdmission.decide(true, OptionalLong.of(0), MAX_LAG, OptionalLong.of(MAX_LAG * 100), null)
                .admitted()).as("no bound").isTrue();
        assertThat(BatchAdmission.decide(true, OptionalLong.of(0), MAX_LAG, OptionalLong.empty(), MAX_UNPUBLISHED)
                .admitted()).as("unknown").isTrue();
        assertThat(BatchAdmission.decide(true, OptionalLong.of(MAX_LAG + 1), MAX_LAG, OptionalLong.of(0),
                MAX_UNPUBLISHED).admitted()).as("a caught-up publisher does not lift the projection's bound").isFalse();

        Unpublished unpublished = new Unpublished(MAX_UNPUBLISHED * 100);
        new BatchAdmission(properties(true, Duration.ZERO), new Lag(0), unpublished, clock()).admit();
        assertThat(unpublished.readings).as("read without a bound").hasValue(0);
    }

    @Test
    void bothDistancesAreReadTogetherAtMostOncePerRefresh() {
        Lag lag = new Lag(0);
        Unpublished unpublished = new Unpublished(MAX_UNPUBLISHED + 1);
        BatchRunnerTest.MovingClock clock = clock();
        BatchAdmission admission = new BatchAdmission(properties(true, Duration.ofSeconds(2), MAX_UNPUBLISHED), lag,
                unpublished, clock);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(admission::admit).isInstanceOfSatisfying(TooBusyException.class,
                    e -> assertThat(e.type()).isEqualTo(BatchAdmission.PROBLEM_TYPE));
        }
        assertThat(unpublished.readings).hasValue(1);
        assertThat(lag.readings).hasValue(1);

        unpublished.events = MAX_UNPUBLISHED;
        clock.advance(Duration.ofSeconds(2));
        admission.admit();
        assertThat(unpublished.readings).hasValue(2);
        assertThat(lag.readings).hasValue(2);
    }

    /**
     * A batch taken waits between its transactions while the publisher is past the bound, and goes on once within
     * ({@code forBatch} is the pace {@code admit} hands a batch it takes).
     */
    @Test
    void aBatchTakenWaitsForThePublisherBetweenItsTransactions() {
        Unpublished unpublished = new Unpublished(MAX_UNPUBLISHED + 1);
        unpublished.then = MAX_UNPUBLISHED;
        unpublished.after = 3;
        BatchAdmission admission = new BatchAdmission(properties(true, Duration.ofSeconds(1), MAX_UNPUBLISHED),
                new Lag(0), unpublished, clock());

        admission.forBatch().beforeNextRun();

        assertThat(unpublished.readings).as("read until within the bound").hasValue(4);
    }

    /** A publisher that does not move (Kafka away) holds one batch back for the budget in all, then no more. */
    @Test
    void aBatchWaitsForThePublisherNoLongerThanItsBudgetInAll() {
        BatchRunnerTest.MovingClock clock = clock();
        Unpublished unpublished = new Unpublished(MAX_UNPUBLISHED + 1);
        unpublished.clock = clock;
        unpublished.step = BatchAdmission.PACE_BUDGET.dividedBy(4);
        BatchAdmission admission = new BatchAdmission(properties(true, Duration.ofSeconds(1), MAX_UNPUBLISHED),
                new Lag(0), unpublished, clock);
        BatchPacing pace = admission.forBatch();

        pace.beforeNextRun();
        assertThat(unpublished.readings).as("four readings, a quarter of the budget passing with each").hasValue(4);
        pace.beforeNextRun();
        assertThat(unpublished.readings).as("the budget is spent: no more waiting").hasValue(4);

        admission.forBatch().beforeNextRun();
        assertThat(unpublished.readings).as("the next batch has a budget of its own").hasValue(8);
    }

    @Test
    void aBatchTakenIsHandedItsPaceAndWithBackpressureOffNone() {
        Unpublished unpublished = new Unpublished(0);
        BatchAdmission admission = new BatchAdmission(properties(true, Duration.ZERO, MAX_UNPUBLISHED), new Lag(0),
                unpublished, clock());
        BatchPacing pace = admission.admit();
        unpublished.events = MAX_UNPUBLISHED + 1;
        unpublished.then = 0;
        unpublished.after = unpublished.readings.get() + 1;

        pace.beforeNextRun();

        assertThat(unpublished.readings).as("the pace read the backlog until it was within").hasValue(3);
        assertThat(new BatchAdmission(properties(false, Duration.ZERO, MAX_UNPUBLISHED), new Lag(0), unpublished,
                clock()).admit()).as("backpressure off").isSameAs(BatchPacing.NONE);
    }

    @Test
    void withoutABoundOnThePublisherABatchNeverWaits() {
        Unpublished unpublished = new Unpublished(MAX_UNPUBLISHED * 100);
        new BatchAdmission(properties(true, Duration.ZERO), new Lag(0), unpublished, clock()).forBatch()
                .beforeNextRun();
        new BatchAdmission(properties(false, Duration.ZERO, MAX_UNPUBLISHED), new Lag(0), unpublished, clock())
                .forBatch().beforeNextRun();

        assertThat(unpublished.readings).hasValue(0);
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
        return properties(enabled, refresh, null);
    }

    private static BackpressureProperties properties(boolean enabled, Duration refresh, Long maxUnpublished) {
        return new BackpressureProperties(enabled, "analytics-read-models", List.of(), MAX_LAG, maxUnpublished,
                Duration.ofSeconds(7), refresh);
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

    /** The publisher's backlog: {@code events}, then {@code then} from reading {@code after} + 1 on. */
    private static final class Unpublished implements UnpublishedEvents {
        final AtomicInteger readings = new AtomicInteger();
        volatile long events;
        long then = -1;
        int after = Integer.MAX_VALUE;
        /** Moved on by {@code step} with each reading, when set: the time a reading and a wait take. */
        BatchRunnerTest.MovingClock clock;
        Duration step;

        Unpublished(long events) {
            this.events = events;
        }

        @Override
        public OptionalLong events() {
            int reading = readings.incrementAndGet();
            if (clock != null) {
                clock.advance(step);
            }
            return OptionalLong.of(reading > after ? then : events);
        }
    }
}
