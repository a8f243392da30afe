package org.balintobservatory.support.access;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
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
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void aKeyMaySpendItsBurstAtOnceThenWaitsForTheRate() {
        RateLimiter limiter = new RateLimiter(2, 3, clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k")).isZero();
        }
        // empty bucket, 2 tokens per second: the next token is 500 ms away
        assertThat(limiter.acquire("k")).isEqualTo(Duration.ofMillis(500));

        now.addAndGet(500);
        assertThat(limiter.acquire("k")).isZero();
    }

    @Test
    void bucketsThatFilledUpAgainAreForgottenSoNewAddressesCannotGrowTheTable() {
        RateLimiter limiter = new RateLimiter(10, 5, clock);
        // Requests 1 to 9,994 from as many addresses, 9,995 to 9,999 from one key, the 10,000th sweeps.
        for (int i = 0; i < RateLimiter.SWEEP_EVERY - 6; i++) {
            limiter.acquire("address:" + i);
        }
        for (int i = 0; i < 5; i++) {
            // Spent at once, so still short of its burst a tenth of a second later.
            assertThat(limiter.acquire("busy")).isZero();
        }
        assertThat(limiter.tracked()).isEqualTo(RateLimiter.SWEEP_EVERY - 5);

        now.addAndGet(100);
        limiter.acquire("newcomer"); // the request that sweeps: every address bucket has filled up again

        assertThat(limiter.tracked()).isEqualTo(2);
    }

    @Test
    void keysDoNotShareABucket() {
        RateLimiter limiter = new RateLimiter(1, 1, clock);

        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
        assertThat(limiter.acquire("b")).isZero();
    }

    @Test
    void anIdleKeyRefillsOnlyUpToItsBurst() {
        RateLimiter limiter = new RateLimiter(10, 2, clock);
        limiter.acquire("k");
        now.addAndGet(60_000);

        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isPositive();
    }
}
