package org.balintobservatory.contract.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.format.EventSerializationException;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.jackson.JsonFormatOptions;
import io.cloudevents.rw.CloudEventDataMapper;
import io.cloudevents.rw.CloudEventRWException;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * Turns event payloads into CloudEvents JSON and back. The envelope is the CloudEvents SDK's, written and read by
 * its JSON format in structured mode ({@link #FORMAT}); this class adds what the contract decides: a payload's
 * type and schema, how it becomes {@code data} and back, and which envelopes a consumer refuses.
 *
 * <p>Dates are ISO-8601 strings and unknown payload fields are ignored when reading, so a consumer on
 * an older contract keeps working when a revision only adds fields.
 */
public final class CloudEventCodec {

    /**
     * The SDK's JSON event format as the contract uses it. An envelope reads as it was sent: without
     * {@code datacontenttype} when it has none, and an attribute whose name CloudEvents does not allow is passed
     * over, as every unknown attribute was before the SDK. In the Kafka binding it announces itself with the
     * {@code content-type} header the topics have always carried, {@link CloudEvent#KAFKA_CONTENT_TYPE}, and reads
     * every record whose header names {@code application/cloudevents+json}.
     */
    public static final EventFormat FORMAT = new ContractJsonFormat(new JsonFormat(JsonFormatOptions.builder()
            .forceIgnoreInvalidExtensionNameDeserialization(true)
            .disableDataContentTypeDefaulting(true)
            .build()));

    private final ObjectMapper mapper;

    public CloudEventCodec() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Wraps a payload, without a trace context ({@link CloudEvent#withTraceparent} adds one). The sequence is a
     * CloudEvents Integer, which the JSON format writes as a number: 32 bits.
     *
     * @throws IllegalArgumentException if the payload is not a published event type, the source is no URI
     *                                  reference or the sequence is beyond 32 bits
     */
    public CloudEvent wrap(String id, String source, String subject, Instant time, Long sequence, Object payload) {
        return wrap(id, source, subject, time, sequence, payload, null);
    }

    /**
     * Wraps a payload with the trace context {@code traceparent} (none when null), in one pass: what the publisher
     * does for every stored event. The payload becomes {@code data} as the JSON this codec's mapper writes, written
     * into the envelope as it is (the JSON format inlines JSON data), not built as a tree first.
     *
     * @throws IllegalArgumentException if the payload is not a published event type, the source is no URI
     *                                  reference, the sequence is beyond 32 bits or the payload cannot be written
     */
    public CloudEvent wrap(String id, String source, String subject, Instant time, Long sequence, Object payload,
                           String traceparent) {
        EventType type = EventCatalogue.forPayload(payload.getClass()).orElseThrow(
                () -> new IllegalArgumentException("not a published event: " + payload.getClass().getName()));
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload of " + id + " cannot be written as JSON", e);
        }
        var builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(source))
                .withType(type.cloudEventType())
                .withSubject(subject)
                .withTime(time == null ? null : time.atOffset(ZoneOffset.UTC))
                .withDataSchema(URI.create(type.schemaResource()))
                .withData(CloudEvent.CONTENT_TYPE, data);
        if (sequence != null) {
            if (sequence != sequence.intValue()) {
                throw new IllegalArgumentException("sequence " + sequence + " of " + id + " is beyond 32 bits");
            }
            builder.withExtension(CloudEvent.SEQUENCE, sequence.intValue());
        }
        if (traceparent != null) {
            builder.withExtension(CloudEvent.TRACEPARENT, traceparent);
        }
        return new CloudEvent(builder.build());
    }

    public byte[] encode(CloudEvent event) {
        try {
            return FORMAT.serialize(event.event());
        } catch (EventSerializationException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + event.id(), e);
        }
    }

    /**
     * Reads an envelope.
     *
     * @throws MalformedCloudEventException if the bytes are not a CloudEvents 1.0 JSON envelope
     */
    public CloudEvent decode(byte[] json) {
        if (json == null) {
            throw new MalformedCloudEventException("no bytes: not a CloudEvent", null);
        }
        try {
            return new CloudEvent(FORMAT.deserialize(json));
        } catch (EventDeserializationException | CloudEventRWException e) {
            throw new MalformedCloudEventException("not CloudEvents JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The payload as its contract record, or empty when the type is not one this contract knows (a newer
     * revision or another producer's event: consumers skip those rather than fail).
     */
    public Optional<Object> payload(CloudEvent event) {
        Optional<EventType> type = EventCatalogue.forCloudEventType(event.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        JsonNode data = event.data();
        if (data == null) {
            throw new MalformedCloudEventException(event.type() + " without data", null);
        }
        try {
            return Optional.of(mapper.treeToValue(data, type.get().payload()));
        } catch (JsonProcessingException e) {
            throw new MalformedCloudEventException("data does not match " + event.type() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The SDK's JSON format under the content type of the topics' header. */
    private record ContractJsonFormat(JsonFormat json) implements EventFormat {

        @Override
        public byte[] serialize(io.cloudevents.CloudEvent event) {
            return json.serialize(event);
        }

        /** As the JSON format reads, but JSON {@code null}, which it reads as no event, is no CloudEvent. */
        @Override
        public io.cloudevents.CloudEvent deserialize(byte[] bytes,
                                                     CloudEventDataMapper<? extends CloudEventData> mapper) {
            io.cloudevents.CloudEvent event = json.deserialize(bytes);
            if (event == null) {
                throw new EventDeserializationException(new IOException("JSON null is not a CloudEvent"));
            }
            return event.getData() == null ? event
                    : CloudEventBuilder.from(event).withData(mapper.map(event.getData())).build();
        }

        @Override
        public Set<String> deserializableContentTypes() {
            return json.deserializableContentTypes();
        }

        @Override
        public String serializedContentType() {
            return CloudEvent.KAFKA_CONTENT_TYPE;
        }
    }
}
