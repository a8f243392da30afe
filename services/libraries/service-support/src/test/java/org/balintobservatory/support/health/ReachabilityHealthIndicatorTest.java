package org.balintobservatory.support.health;

import org.balintobservatory.infrastructure.embedded.Patience;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ReachabilityHealthIndicatorTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void isDownWhileTheServerIsUnreachableAndUpAgainByItselfWhenItAnswers() throws Exception {
        AtomicBoolean reachable = new AtomicBoolean(true);
        try (ReachabilityHealthIndicator health = new ReachabilityHealthIndicator("kafka", () -> {
            if (!reachable.get()) {
                throw new ConnectException("Connection refused");
            }
        }, null, clock)) {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            reachable.set(false);
            clock.advanceSeconds(1);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("reason", "kafka is unreachable");
            reachable.set(true);
            clock.advanceSeconds(1);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    /**
     * A probe that never returns must not hold the health check: it answers DOWN, for the timeout's reason.
     * The bound on the wall clock only stops a check that would hang forever; it grows with the machine's
     * load, so a busy machine cannot fail a check that returned on its timeout.
     */
    @Test
    void aServerThatDoesNotAnswerIsDownAfterTheTimeoutNotLater() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ReachabilityHealthIndicator health = new ReachabilityHealthIndicator("mongodb", never::await, null,
                clock)) {
            Health answer = assertTimeoutPreemptively(
                    Patience.scaled(ReachabilityHealthIndicator.TIMEOUT.multipliedBy(5)), () -> health.health());
            assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
            assertThat(answer.getDetails().get("reason").toString())
                    .isEqualTo("mongodb did not answer within " + ReachabilityHealthIndicator.TIMEOUT);
        }
    }

    @Test
    void checksAtMostOncePerSecond() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ReachabilityHealthIndicator health = new ReachabilityHealthIndicator("kafka", calls::incrementAndGet,
                null, clock)) {
            for (int i = 0; i < 5; i++) {
                health.health();
            }
            assertThat(calls).hasValue(1);
            clock.advanceSeconds(1);
            health.health();
            assertThat(calls).hasValue(2);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T10:00:00Z");

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
