package org.balintobservatory.support.web;

import java.time.Duration;

/**
 * The service does not take this request now, for want of capacity rather than for anything in the request:
 * answered {@code 429} with {@code Retry-After}, storing nothing. The same request sent again after
 * {@link #retryAfter()} may be taken.
 */
public class TooBusyException extends RuntimeException {

    private final String type;
    private final Duration retryAfter;

    /** @param type the problem type, e.g. {@code projection-behind} */
    public TooBusyException(String type, String message, Duration retryAfter) {
        super(message);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public String type() {
        return type;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, at least one, as {@code Retry-After} carries it. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
