package org.balintobservatory.support.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per key: {@code burst} tokens, refilled at {@code rate} per second; a request takes one.
 * When none is left, the answer says how long until one is.
 *
 * <p>A bucket that has filled up again is the same as no bucket, so every {@value #SWEEP_EVERY} requests
 * the full ones are dropped: requests from ever new addresses cannot grow the table without bound.
 */
public class RateLimiter {

    static final int SWEEP_EVERY = 10_000;

    private final double rate;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public RateLimiter(double rate, int burst, Clock clock) {
        this.rate = rate;
        this.burst = burst;
        this.clock = clock;
    }

    /** @return {@link Duration#ZERO} if the request may go ahead, else how long to wait */
    public Duration acquire(String key) {
        long now = clock.millis();
        if (requests.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(bucket -> bucket.isFull(rate, burst, now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(rate, burst, now);
    }

    /** How many keys and addresses have a bucket now. */
    int tracked() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized boolean isFull(double rate, int burst, long now) {
            return tokens + (now - updatedAt) * rate / 1000.0 >= burst;
        }

        synchronized Duration take(double rate, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * rate / 1000.0);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / rate));
        }
    }
}
