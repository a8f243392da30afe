package org.balintobservatory.support.domain;

import java.time.Duration;

/**
 * A request names something this service learns of from another service's events, and it has not arrived
 * yet: the request may be valid, so it is answered {@code 503} with {@code Retry-After}, not refused as a
 * broken rule. The same request, sent again after {@link #retryAfter()}, is answered as soon as the thing
 * is known.
 */
public class NotKnownYetException extends RuntimeException {

    private final transient Violation violation;
    private final Duration retryAfter;

    public NotKnownYetException(String field, String rule, String message, Duration retryAfter) {
        super(message);
        this.violation = new Violation(field, rule, message);
        this.retryAfter = retryAfter;
    }

    /** The field that names what is not known yet, and the rule it would break if it never came. */
    public Violation violation() {
        return violation;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, at least one, as {@code Retry-After} carries it. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
