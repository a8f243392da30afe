package org.balintobservatory.analytics.ingest;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;
import org.balintobservatory.support.tracing.MessageTracing;

import java.util.ArrayList;
import java.util.List;

/**
 * The spans of one batch on its way into the read models: one per traced record, named {@code process <topic>},
 * a child of the span that published the record (the CloudEvent's {@code traceparent}), open from the record's
 * decoding until the batch is written and its offsets committed.
 *
 * <p>A span per record rather than one per batch with a link to each producer span: the question an operator
 * brings is when one write reached the read models, and a child span answers it inside that write's own trace,
 * one trace id from the HTTP request to the projection, in the tracing backend and in the services' logs alike.
 * A batch span would sit in a trace of its own, reachable from a write only where the backend searches links.
 * The projection works on the whole batch (one load and one bulk write per collection), so each record's span
 * lasts as long as its batch and says how many records shared it ({@code messaging.batch.message_count}); a
 * failed batch ends every span with the error, and the batch applied again gives each record a new span in its
 * trace. Records whose write was not sampled get spans that record nothing, which cost next to nothing; records
 * without a {@code traceparent} (every event stored before traces were carried) get none. A rebuild
 * ({@code ReplayService}) reads history, not writes, and opens no spans.
 */
final class ProjectionSpans {

    private final MessageTracing tracing;
    private final String consumerGroup;
    private final List<Span> open = new ArrayList<>();

    ProjectionSpans(MessageTracing tracing, String consumerGroup) {
        this.tracing = tracing;
        this.consumerGroup = consumerGroup;
    }

    /** Opens the span of a decoded record, if its write was traced. */
    void open(ConsumerRecord<String, byte[]> record, ConsumedEvent event, int batchSize) {
        String type = EventCatalogue.forPayload(event.payload().getClass()).map(EventType::cloudEventType).orElse(null);
        tracing.continuing(event.traceparent()).ifPresent(builder -> {
            Span.Builder span = builder.name("process " + record.topic())
                    .kind(Span.Kind.CONSUMER)
                    .tag("messaging.system", "kafka")
                    .tag("messaging.operation.type", "process")
                    .tag("messaging.destination.name", record.topic())
                    .tag("messaging.destination.partition.id", String.valueOf(record.partition()))
                    .tag("messaging.kafka.offset", record.offset())
                    .tag("messaging.consumer.group.name", consumerGroup)
                    .tag("messaging.batch.message_count", batchSize)
                    .tag("cloudevents.event_id", event.id());
            if (type != null) {
                span.tag("cloudevents.event_type", type);
            }
            open.add(span.start());
        });
    }

    /** The batch is in the read models and its offsets committed. */
    void succeeded() {
        open.forEach(Span::end);
        open.clear();
    }

    /** The batch failed; it is applied again from the last committed offsets. */
    void failed(Throwable failure) {
        open.forEach(span -> span.error(failure).end());
        open.clear();
    }
}
