package org.balintobservatory.support.tracing;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.Map;

/**
 * Puts the trace context into the metadata of every message a handler produces, so the event store keeps, next to
 * each event, the trace of the write that stored it. The publisher reads it there, later and on another thread
 * ({@code KafkaEventPublisher}). The context is the current span's (the command's, {@link CommandSpans}), or else
 * the one the handled message carried.
 */
public class TraceCorrelation implements CorrelationDataProvider {

    private final MessageTracing tracing;

    public TraceCorrelation(MessageTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        String traceparent = tracing.currentTraceparent();
        // A batch's shared unit of work has no message of its own; its lines' commands carry theirs.
        if (traceparent == null && message != null
                && message.getMetaData().get(MessageTracing.TRACEPARENT) instanceof String carried) {
            traceparent = carried;
        }
        return traceparent == null ? Map.of() : Map.of(MessageTracing.TRACEPARENT, traceparent);
    }
}
