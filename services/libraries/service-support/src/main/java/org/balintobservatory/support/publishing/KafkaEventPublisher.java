package org.balintobservatory.support.publishing;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends every stored event of the published language to Kafka as a CloudEvent.
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
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final Producer<String, byte[]> producer;
    private final CloudEventCodec codec;
    private final String source;

    public KafkaEventPublisher(Producer<String, byte[]> producer, CloudEventCodec codec, String source) {
        this.producer = producer;
        this.codec = codec;
        this.source = source;
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
        CloudEvent envelope = codec.wrap(message.getIdentifier(), source, subject, message.getTimestamp(), sequence,
                payload);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic().name(),
                type.topic().recordKey(subject), codec.encode(envelope));
        record.headers().add("content-type", CloudEvent.KAFKA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        pendingSends().add(producer.send(record));
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
