package org.balintobservatory.support.cloudevents;

import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.cloudevents.MalformedCloudEventException;

import java.nio.charset.StandardCharsets;

/**
 * CloudEvents in Kafka records, through the CloudEvents SDK's Kafka protocol binding: how every publisher makes a
 * record of an event and every reader takes the event out of one.
 *
 * <p>A record is written in structured mode: its value is the envelope as CloudEvents JSON
 * ({@link CloudEventCodec#FORMAT}), its header {@code content-type} says so ({@link CloudEvent#KAFKA_CONTENT_TYPE}),
 * and a traced event repeats its {@code traceparent} in a header of that name, for tools that read headers only.
 *
 * <p>A record is read by the binding: in structured mode when its {@code content-type} header names the CloudEvents
 * JSON format, in binary mode (attributes in {@code ce_} headers, as another producer may send them) when it has a
 * {@code ce_specversion} header. A record that is neither, as a record published before the binding may be (no
 * {@code content-type} header, or another one), is read as structured JSON, as every record always was.
 */
public final class CloudEventRecords {

    static {
        // The binding finds a structured record's format by its content-type header: the contract's JSON format.
        EventFormatProvider.getInstance().registerFormat(CloudEventCodec.FORMAT);
    }

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private CloudEventRecords() {
    }

    /** The record of an event, in structured mode, keyed by {@code key}. */
    public static ProducerRecord<String, byte[]> write(String topic, String key, CloudEvent event) {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(topic, key)
                .writeStructured(event.event(), CloudEventCodec.FORMAT);
        String traceparent = event.traceparent();
        if (traceparent != null) {
            record.headers().add(CloudEvent.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    /**
     * The event a record carries.
     *
     * @throws MalformedCloudEventException if the record holds no CloudEvents 1.0 envelope this contract can read
     */
    public static CloudEvent read(ConsumerRecord<?, byte[]> record) {
        if (record.value() == null) {
            throw new MalformedCloudEventException("a record without a value is not a CloudEvent", null);
        }
        MessageReader reader;
        try {
            reader = KafkaMessageFactory.createReader(record);
        } catch (CloudEventRWException e) {
            if (e.getKind() != CloudEventRWException.CloudEventRWExceptionKind.UNKNOWN_ENCODING) {
                throw new MalformedCloudEventException("not a CloudEvent: " + e.getMessage(), e);
            }
            return CODEC.decode(record.value());
        }
        try {
            return new CloudEvent(reader.toEvent());
        } catch (EventDeserializationException | CloudEventRWException | IllegalStateException e) {
            throw new MalformedCloudEventException("not a CloudEvent: " + e.getMessage(), e);
        }
    }
}
