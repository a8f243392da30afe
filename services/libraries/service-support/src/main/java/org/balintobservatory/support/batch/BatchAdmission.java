package org.balintobservatory.support.batch;

import org.balintobservatory.support.web.TooBusyException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Whether a batch is taken now: the rule that gives the analytics projection priority over bulk ingestion on a
 * machine they share. A batch endpoint asks {@link #admit()} before it reads its body; while the projection is more
 * than {@link BackpressureProperties#maxLag()} records behind, or this service's publisher more than
 * {@link BackpressureProperties#maxUnpublished()} events behind its event store, the batch is refused whole with
 * {@code 429} and {@code Retry-After} ({@link TooBusyException}), before any line runs, so nothing of it is stored
 * and sending it again later is what the client does anyway. A batch taken keeps to the publisher's bound as it runs
 * (the {@link BatchPacing} {@link #admit()} returns): before each of its transactions but the first, it waits while
 * the publisher is more than that far behind, so a batch of thousands of lines cannot, once taken, put all of its
 * events between the next single write and the read models. A write is seen by researchers and schools only after both stages, so both
 * count: on two shared cores the publisher was the slower one during a load, far behind while the projection kept up
 * with what it was sent (docs/operations.md).
 *
 * <p>A distance that cannot be read (the projection has never committed, Kafka or the event store does not answer,
 * no segment of the publisher runs here) takes the batch: the rule keeps the read models fresh, it does not guard
 * the data, which the event store holds either way. Single requests are never asked about: a person's one write
 * costs the projection a few events, and should not wait behind somebody's bulk load.
 */
public class BatchAdmission {

    /** The problem type of the refusal. */
    public static final String PROBLEM_TYPE = "projection-behind";
    /**
     * The most one batch waits for the publisher between its transactions, in all: past it, the rest of the batch
     * runs without waiting (a publisher that does not move, Kafka being away, slows a batch by this much at most).
     */
    static final Duration PACE_BUDGET = Duration.ofSeconds(60);
    /** How often a batch that waits for the publisher reads its backlog again. */
    static final Duration PACE_POLL = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(BatchAdmission.class);

    private final BackpressureProperties properties;
    private final ProjectionLag lag;
    private final UnpublishedEvents unpublished;
    private final Clock clock;
    private Reading last = new Reading(OptionalLong.empty(), OptionalLong.empty());
    private Instant readAt;

    public BatchAdmission(BackpressureProperties properties, ProjectionLag lag, Clock clock) {
        this(properties, lag, UnpublishedEvents.UNKNOWN, clock);
    }

    public BatchAdmission(BackpressureProperties properties, ProjectionLag lag, UnpublishedEvents unpublished,
                          Clock clock) {
        this.properties = properties;
        this.lag = lag;
        this.unpublished = unpublished;
        this.clock = clock;
    }

    /** What {@link #decide} says about one batch. */
    public record Decision(boolean admitted, String reason) {
    }

    /** The two distances between a write and the read models, as last read. */
    private record Reading(OptionalLong unpublished, OptionalLong lag) {
    }

    /** {@link #decide(boolean, OptionalLong, long, OptionalLong, Long)} without the publisher's backlog. */
    public static Decision decide(boolean enabled, OptionalLong lag, long maxLag) {
        return decide(enabled, lag, maxLag, OptionalLong.empty(), null);
    }

    /**
     * The rule, as a formula: a batch is taken when backpressure is off, or when neither distance is known to pass
     * its bound: (unpublished unknown, or no maxUnpublished, or unpublished ≤ maxUnpublished) and (lag unknown, or
     * lag ≤ maxLag).
     */
    public static Decision decide(boolean enabled, OptionalLong lag, long maxLag, OptionalLong unpublished,
                                  Long maxUnpublished) {
        if (!enabled) {
            return new Decision(true, "backpressure is off");
        }
        if (maxUnpublished != null && unpublished.isPresent() && unpublished.getAsLong() > maxUnpublished) {
            return new Decision(false, "this service has " + unpublished.getAsLong() + " events stored and not yet "
                    + "published to the analytics topics, more than the " + maxUnpublished + " a batch may be taken "
                    + "at; nothing of this batch was stored: send it again after Retry-After");
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

    /**
     * Takes the batch, or refuses it with {@link TooBusyException}.
     *
     * @return the pace the batch taken keeps ({@link #forBatch()})
     */
    public BatchPacing admit() {
        if (!properties.enabled()) {
            return BatchPacing.NONE;
        }
        Reading reading = current();
        Decision decision = decide(true, reading.lag(), properties.maxLag(), reading.unpublished(),
                properties.maxUnpublished());
        if (!decision.admitted()) {
            throw new TooBusyException(PROBLEM_TYPE, decision.reason(), properties.retryAfter());
        }
        return forBatch();
    }

    /**
     * Both distances, read again when the last reading is older than {@link BackpressureProperties#refresh()}; the
     * publisher's backlog only where it has a bound.
     */
    private synchronized Reading current() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(properties.refresh()))) {
            last = new Reading(properties.maxUnpublished() == null ? OptionalLong.empty() : unpublished.events(),
                    lag.records());
            readAt = now;
        }
        return last;
    }

    /**
     * The pace of one batch: with a bound on the publisher's backlog, each transaction after the first waits until
     * the backlog is at most {@link BackpressureProperties#maxUnpublished()} (read every {@link #PACE_POLL}; unknown
     * counts as within), for {@link #PACE_BUDGET} in all; without a bound, or with backpressure off, never.
     */
    BatchPacing forBatch() {
        if (!properties.enabled() || properties.maxUnpublished() == null) {
            return BatchPacing.NONE;
        }
        return new PublisherPace(properties.maxUnpublished());
    }

    /** One batch's waits for the publisher, and what is left of its budget. */
    private final class PublisherPace implements BatchPacing {
        private final long bound;
        private Duration left = PACE_BUDGET;

        PublisherPace(long bound) {
            this.bound = bound;
        }

        @Override
        public void beforeNextRun() {
            if (left.isZero()) {
                return;
            }
            Instant start = clock.instant();
            try {
                while (left.compareTo(Duration.between(start, clock.instant())) > 0) {
                    OptionalLong backlog = unpublished.events();
                    if (backlog.isEmpty() || backlog.getAsLong() <= bound) {
                        return;
                    }
                    Thread.sleep(PACE_POLL.toMillis());
                }
                log.info("a batch has waited {} s in all for this service's publisher to come within {} events of the "
                        + "event store; the rest of it runs without waiting", PACE_BUDGET.toSeconds(), bound);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                Duration waited = Duration.between(start, clock.instant());
                left = waited.compareTo(left) >= 0 ? Duration.ZERO : left.minus(waited);
            }
        }
    }
}
