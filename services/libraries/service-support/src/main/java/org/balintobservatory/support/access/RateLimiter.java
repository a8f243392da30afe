package org.balintobservatory.support.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per key (Bucket4j): {@code burst} tokens, refilled continuously at {@code rate} per second;
 * a request takes one. When none is left, the answer says how long until one is.
 *
 * <p>A bucket that has filled up again is the same as no bucket, so every {@value #SWEEP_EVERY} requests
 * the full ones are dropped: requests from ever new addresses cannot grow the table without bound.
 */
public class RateLimiter {

    static final int SWEEP_EVERY = 10_000;
    /** Bucket4j refills whole tokens per period: a rate such as 2.5 per second is 2,500 per 1,000 s. */
    private static final Duration REFILL_PERIOD = Duration.ofSeconds(1000);

    private final Bandwidth limit;
    private final int burst;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public RateLimiter(double rate, int burst, Clock clock) {
        this.burst = burst;
        this.limit = Bandwidth.builder().capacity(burst)
                .refillGreedy(Math.max(1, Math.round(rate * REFILL_PERIOD.toSeconds())), REFILL_PERIOD)
                .build();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** @return {@link Duration#ZERO} if the request may go ahead, else how long to wait */
    public Duration acquire(String key) {
        if (requests.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= burst);
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(limit)
                .withCustomTimePrecision(time).build()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO
                : Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill() + 999_999));
    }

    /** How many keys and addresses have a bucket now. */
    int tracked() {
        return buckets.size();
    }
}
