package org.balintobservatory.support.publishing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.balintobservatory.support.tracing.MessageTracing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sends every stored event of the published language to Kafka as a CloudEvent, in structured mode
 * ({@link CloudEventRecords}).
 *
 * <p>It runs in a tracking processor over the event store, so the event store is the outbox: sends are
 * started for a whole batch, and the batch's unit of work waits for every broker acknowledgement before
 * it commits, together with the processor's token. A failed or unacknowledged send rolls the batch back
 * and the processor retries it, so nothing accepted is lost; a retried batch can send an event twice,
 * which consumers absorb by deduplicating on the CloudEvent id (the event identifier).
 *
 * <p>The record key is given by the topic ({@link Topic#recordKey}): on the research topics the institution
 * id, so every event of one institution lands on the same partition number of each research topic and one
 * consumer of the analytics service owns all of an institution's read-model documents; elsewhere the
 * aggregate identifier. Either way the events of one aggregate stay in order on one partition (the producer
 * is idempotent, which keeps that order through retries).
 *
 * <p>An event whose write was traced (its metadata holds the {@code traceparent} {@code CommandSpans} put there)
 * is sent in a span {@code publish <topic>}, a child of the write's command span, which ends when the broker
 * acknowledges the record; the record carries that span's context as the CloudEvent's {@code traceparent} and
 * the same value as a Kafka header, so its consumers continue the write's trace. An event stored without one is
 * sent without one. A retried batch sends its events again, each in a new span of its trace.
 *
 * <p>Per event it does what the envelope needs and no more, as every event passes this one stage on its way out:
 * the trace context is picked out of the metadata as it is stored rather than the whole metadata read back into a
 * map, and the payload is written once, into the envelope
 * ({@link CloudEventCodec#wrap(String, String, String, java.time.Instant, Long, Object, String)}).
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private static final JsonFactory JSON = new JsonFactory();

    private final Producer<String, byte[]> producer;
    private final CloudEventCodec codec;
    private final String source;
    private final MessageTracing tracing;
    private final Supplier<Serializer> eventSerializer;

    /**
     * @param eventSerializer the serializer the event store wrote the events' metadata with: metadata stored by it
     *                        is read as stored; any other is written by it first, which gives the same answer
     */
    public KafkaEventPublisher(Producer<String, byte[]> producer, CloudEventCodec codec, String source,
                               MessageTracing tracing, Supplier<Serializer> eventSerializer) {
        this.producer = producer;
        this.codec = codec;
        this.source = source;
        this.tracing = tracing;
        this.eventSerializer = eventSerializer;
    }

    @EventHandler
    public void publish(Object payload, EventMessage<?> message) {
        EventType type = EventCatalogue.forPayload(payload.getClass()).orElse(null);
        if (type == null) {
            return; // a service-internal event: not part of the published language
        }
        String subject;
        Long sequence;
        if (message instanceof DomainEventMessage<?> domainEvent) {
            subject = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        } else {
            subject = message.getIdentifier();
            sequence = null;
        }
        Span span = publishSpan(message, type);
        CloudEvent envelope = codec.wrap(message.getIdentifier(), source, subject, message.getTimestamp(), sequence,
                payload, tracing.traceparent(span));
        ProducerRecord<String, byte[]> record = CloudEventRecords.write(type.topic().name(),
                type.topic().recordKey(subject), envelope);
        try {
            pendingSends().add(producer.send(record, span == null ? null : endOnAcknowledgement(span)));
        } catch (RuntimeException e) {
            if (span != null) {
                span.error(e).end();
            }
            throw e;
        }
    }

    /** The span of this send, in the trace of the write that stored the event, or null when it had none. */
    private Span publishSpan(EventMessage<?> message, EventType type) {
        return tracing.continuing(storedTraceparent(message))
                .map(builder -> builder.name("publish " + type.topic().name())
                        .kind(Span.Kind.PRODUCER)
                        .tag("messaging.system", "kafka")
                        .tag("messaging.operation.type", "send")
                        .tag("messaging.destination.name", type.topic().name())
                        .tag("cloudevents.event_id", message.getIdentifier())
                        .tag("cloudevents.event_type", type.cloudEventType())
                        .start())
                .orElse(null);
    }

    /**
     * The {@code traceparent} in the event's metadata, or null when it has none: read from the metadata as the event
     * store holds it (a JSON object), by a streaming parser that stops at that key. Metadata that is not a JSON object
     * of that shape is read the general way.
     */
    private String storedTraceparent(EventMessage<?> message) {
        byte[] json;
        try {
            json = message.serializeMetaData(eventSerializer.get(), byte[].class).getData();
        } catch (RuntimeException e) {
            return fromMetaData(message);
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fromMetaData(message);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = MessageTracing.TRACEPARENT.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (wanted) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : fromMetaData(message);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return fromMetaData(message);
        }
    }

    private static String fromMetaData(EventMessage<?> message) {
        Object stored = message.getMetaData().get(MessageTracing.TRACEPARENT);
        return stored instanceof String s ? s : null;
    }

    private static Callback endOnAcknowledgement(Span span) {
        return (metadata, failure) -> {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        };
    }

    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING_SENDS, k -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            root.onPrepareCommit(u -> awaitAcknowledgements(pending));
            return pending;
        });
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> pending) {
        producer.flush();
        for (Future<RecordMetadata> send : pending) {
            try {
                send.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishingFailedException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublishingFailedException("Kafka did not acknowledge an event; the batch will be retried", e);
            }
        }
    }
}
