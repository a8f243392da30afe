package org.balintobservatory.analytics.ingest;

import java.time.Instant;

/**
 * An event as the projections see it: the contract payload with the envelope facts they need.
 *
 * @param id          the CloudEvent id (the event identifier)
 * @param aggregateId the CloudEvent subject
 * @param sequence    position within the aggregate; a projection applies an event only past the last
 *                    sequence it applied for that aggregate, which makes redelivery harmless
 * @param time        when the event was stored: read models take time from here, never from the clock
 * @param payload     the contract record
 * @param traceparent the CloudEvent's {@code traceparent}, or null: the consumer's span of the event continues
 *                    that trace ({@link ProjectionSpans}); the projections do not read it
 */
public record ConsumedEvent(String id, String aggregateId, long sequence, Instant time, Object payload,
                            String traceparent) {

    /** An event whose write was not traced. */
    public ConsumedEvent(String id, String aggregateId, long sequence, Instant time, Object payload) {
        this(id, aggregateId, sequence, time, payload, null);
    }
}
