package org.balintobservatory.support.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: {@code burst} tokens, refilled at {@code rate} per second; a request takes one.
 * When none is left, the answer says how long until one is.
 */
public class RateLimiter {

    private final double rate;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double rate, int burst, Clock clock) {
        this.rate = rate;
        this.burst = burst;
        this.clock = clock;
    }

    /** @return {@link Duration#ZERO} if the request may go ahead, else how long to wait */
    public Duration acquire(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis())).take(rate, burst, clock.millis());
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
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
