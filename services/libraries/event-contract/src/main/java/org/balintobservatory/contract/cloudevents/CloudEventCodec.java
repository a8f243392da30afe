package org.balintobservatory.contract.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns event payloads into CloudEvents JSON and back.
 *
 * <p>Dates are ISO-8601 strings and unknown payload fields are ignored when reading, so a consumer on
 * an older contract keeps working when a revision only adds fields.
 */
public final class CloudEventCodec {

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
     * Wraps a payload, without a trace context ({@link CloudEvent#withTraceparent} adds one).
     *
     * @throws IllegalArgumentException if the payload is not a published event type
     */
    public CloudEvent wrap(String id, String source, String subject, Instant time, Long sequence, Object payload) {
        EventType type = EventCatalogue.forPayload(payload.getClass()).orElseThrow(
                () -> new IllegalArgumentException("not a published event: " + payload.getClass().getName()));
        return new CloudEvent(CloudEvent.SPEC_VERSION, id, source, type.cloudEventType(), subject, time,
                CloudEvent.CONTENT_TYPE, type.schemaResource(), sequence, null, mapper.valueToTree(payload));
    }

    public byte[] encode(CloudEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + event.id(), e);
        }
    }

    /**
     * Reads an envelope.
     *
     * @throws MalformedCloudEventException if the bytes are not a CloudEvents 1.0 JSON envelope
     */
    public CloudEvent decode(byte[] json) {
        CloudEvent event;
        try {
            event = mapper.readValue(json, CloudEvent.class);
        } catch (IOException e) {
            throw new MalformedCloudEventException("not CloudEvents JSON: " + e.getMessage(), e);
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion()) || event.id() == null || event.type() == null
                || event.source() == null) {
            throw new MalformedCloudEventException("missing or unsupported CloudEvents attributes", null);
        }
        return event;
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
        try {
            return Optional.of(mapper.treeToValue(event.data(), type.get().payload()));
        } catch (JsonProcessingException e) {
            throw new MalformedCloudEventException("data does not match " + event.type() + ": " + e.getOriginalMessage(), e);
        }
    }
}
