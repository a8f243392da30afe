package org.balintobservatory.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.balintobservatory.contract.cloudevents.CloudEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A trace context as it travels with a message: written as a W3C {@code traceparent} (into Axon metadata, a
 * CloudEvent, a Kafka header) and read back as the parent of the next span.
 *
 * <p>Only {@code traceparent} is carried, never {@code tracestate} or baggage: those hold whatever a caller put in
 * them, and a message must not carry a caller's data into the event store or onto a topic. Without a tracer
 * (tracing switched off) every method answers "no trace", and the messages go without one.
 */
public final class MessageTracing {

    /** The key of the trace context in Axon metadata, as in CloudEvents and Kafka headers. */
    public static final String TRACEPARENT = CloudEvent.TRACEPARENT;

    private static final Propagator.Getter<Map<String, String>> FROM_MAP = Map::get;

    private final Tracer tracer;
    private final Propagator propagator;

    public MessageTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tracing switched off. */
    public static MessageTracing none() {
        return new MessageTracing(Tracer.NOOP, Propagator.NOOP);
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The span's context as a {@code traceparent}, or null when the span is not part of a trace (a no-op span). */
    public String traceparent(Span span) {
        if (span == null || span.isNoop()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The current span's context as a {@code traceparent}, or null when no span is current. */
    public String currentTraceparent() {
        return traceparent(tracer.currentSpan());
    }

    /**
     * A span to be started as the child of the span a {@code traceparent} names, or empty when it names none:
     * absent, malformed (which W3C Trace Context asks to ignore rather than start a new trace from), or tracing
     * switched off.
     */
    public Optional<Span.Builder> continuing(String traceparent) {
        if (!wellFormed(traceparent) || propagator == Propagator.NOOP) {
            return Optional.empty();
        }
        return Optional.of(propagator.extract(Map.of(TRACEPARENT, traceparent), FROM_MAP));
    }

    /** W3C Trace Context, section 3.2: the format, and neither id all zeros nor the version ff. */
    static boolean wellFormed(String traceparent) {
        return traceparent != null && CloudEvent.TRACEPARENT_FORMAT.matcher(traceparent).matches()
                && !traceparent.startsWith("ff") && !traceparent.substring(3, 35).matches("0+")
                && !traceparent.substring(36, 52).matches("0+");
    }
}
