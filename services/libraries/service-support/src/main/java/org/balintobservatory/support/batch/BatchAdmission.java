package org.balintobservatory.support.batch;

import org.balintobservatory.support.web.TooBusyException;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Whether a batch is taken now: the rule that gives the analytics projection priority over bulk ingestion on a
 * machine they share. A batch endpoint asks {@link #admit()} before it reads its body; while the projection is more
 * than {@link BackpressureProperties#maxLag()} records behind, the batch is refused whole with {@code 429} and
 * {@code Retry-After} ({@link TooBusyException}), before any line runs, so nothing of it is stored and sending it
 * again later is what the client does anyway.
 *
 * <p>A lag that cannot be read (the projection has never committed, or Kafka does not answer) takes the batch:
 * the rule keeps the read models fresh, it does not guard the data, which the event store holds either way.
 * Single requests are never asked about: a person's one write costs the projection a few events, and should not
 * wait behind somebody's bulk load.
 */
public class BatchAdmission {

    /** The problem type of the refusal. */
    public static final String PROBLEM_TYPE = "projection-behind";

    private final BackpressureProperties properties;
    private final ProjectionLag lag;
    private final Clock clock;
    private OptionalLong lastLag = OptionalLong.empty();
    private Instant readAt;

    public BatchAdmission(BackpressureProperties properties, ProjectionLag lag, Clock clock) {
        this.properties = properties;
        this.lag = lag;
        this.clock = clock;
    }

    /** What {@link #decide} says about one batch. */
    public record Decision(boolean admitted, String reason) {
    }

    /**
     * The rule, as a formula: a batch is taken when backpressure is off, when the lag is unknown, or when
     * lag ≤ maxLag.
     */
    public static Decision decide(boolean enabled, OptionalLong lag, long maxLag) {
        if (!enabled) {
            return new Decision(true, "backpressure is off");
        }
        if (lag.isEmpty()) {
            return new Decision(true, "the projection's lag is unknown");
        }
        if (lag.getAsLong() <= maxLag) {
            return new Decision(true, "the projection is " + lag.getAsLong() + " records behind");
        }
        return new Decision(false, "the analytics projection is " + lag.getAsLong()
                + " records behind, more than the " + maxLag + " a batch may be taken at; nothing of this batch was "
                + "stored: send it again after Retry-After");
    }

    /** Takes the batch, or refuses it with {@link TooBusyException}. */
    public void admit() {
        if (!properties.enabled()) {
            return;
        }
        Decision decision = decide(true, currentLag(), properties.maxLag());
        if (!decision.admitted()) {
            throw new TooBusyException(PROBLEM_TYPE, decision.reason(), properties.retryAfter());
        }
    }

    /** The lag, read again when the last reading is older than {@link BackpressureProperties#refresh()}. */
    private synchronized OptionalLong currentLag() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(properties.refresh()))) {
            lastLag = lag.records();
            readAt = now;
        }
        return lastLag;
    }
}
