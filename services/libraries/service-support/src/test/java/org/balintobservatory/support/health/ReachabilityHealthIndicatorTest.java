package org.balintobservatory.support.health;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void aServerThatDoesNotAnswerIsDownAfterTheTimeoutNotLater() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ReachabilityHealthIndicator health = new ReachabilityHealthIndicator("mongodb", never::await, null,
                clock)) {
            long started = System.nanoTime();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .isLessThan(ReachabilityHealthIndicator.TIMEOUT.toMillis() + 1_000);
            assertThat(health.health().getDetails().get("reason").toString()).contains("did not answer");
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
