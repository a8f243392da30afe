package org.balintobservatory.contract.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.extensions.DistributedTracingExtension;
import io.cloudevents.jackson.JsonCloudEventData;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * A CloudEvents 1.0 envelope: the SDK's event ({@link io.cloudevents.CloudEvent}), read through the attributes
 * this contract gives meaning to.
 *
 * <ul>
 *   <li>{@link #id()}: the event identifier assigned when the event was stored; consumers deduplicate by it</li>
 *   <li>{@link #source()}: the service that accepted the command, e.g. {@code /balint-observatory/group-service}</li>
 *   <li>{@link #type()}: the event type and revision, e.g. {@code org.balintobservatory.session-held.v1}</li>
 *   <li>{@link #subject()}: the aggregate identifier</li>
 *   <li>{@link #time()}: when the event was stored</li>
 *   <li>{@link #dataschema()}: the path of the payload's JSON Schema in the event contract</li>
 *   <li>{@link #sequence()}: the extension {@code sequence}, the event's position within its aggregate, so a
 *       consumer can spot gaps</li>
 *   <li>{@link #traceparent()}: the W3C Trace Context {@code traceparent} of the span that published the event,
 *       whose trace began with the write that stored it (the CloudEvents distributed-tracing extension); absent
 *       when that write was not traced, as in every event stored before traces were carried. It identifies a
 *       trace and a span, never a person or a key.</li>
 *   <li>{@link #data()}: the event payload</li>
 * </ul>
 *
 * @param event the SDK's event, of specification version 1.0 (any other is refused as malformed)
 */
public record CloudEvent(io.cloudevents.CloudEvent event) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** The Kafka header a structured-mode CloudEvent carries (CloudEvents Kafka protocol binding). */
    public static final String KAFKA_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /** The name of the extension attribute that holds the event's position within its aggregate. */
    public static final String SEQUENCE = "sequence";
    /**
     * The name of the distributed-tracing extension attribute, and of the Kafka header that repeats it for
     * tools that read headers only.
     */
    public static final String TRACEPARENT = DistributedTracingExtension.TRACEPARENT;
    /**
     * A {@code traceparent} as W3C Trace Context writes it: version, 32 hex digits of trace id, 16 of parent
     * span id, flags, all lower case. A value that does not match is ignored by consumers, as the
     * recommendation asks; it never makes the event unreadable.
     */
    public static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws MalformedCloudEventException if there is no event, it is not of CloudEvents 1.0 or its sequence is no
     *                                      number
     */
    public CloudEvent {
        if (event == null) {
            throw new MalformedCloudEventException("no CloudEvent", null);
        }
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw new MalformedCloudEventException("unsupported CloudEvents specversion " + event.getSpecVersion(),
                    null);
        }
        sequenceOf(event);
    }

    public String specversion() {
        return event.getSpecVersion().toString();
    }

    public String id() {
        return event.getId();
    }

    public String source() {
        return event.getSource().toString();
    }

    public String type() {
        return event.getType();
    }

    public String subject() {
        return event.getSubject();
    }

    public Instant time() {
        OffsetDateTime time = event.getTime();
        return time == null ? null : time.toInstant();
    }

    public String datacontenttype() {
        return event.getDataContentType();
    }

    public String dataschema() {
        URI schema = event.getDataSchema();
        return schema == null ? null : schema.toString();
    }

    public Long sequence() {
        return sequenceOf(event);
    }

    public String traceparent() {
        Object traceparent = event.getExtension(TRACEPARENT);
        return traceparent == null ? null : traceparent.toString();
    }

    /**
     * The payload as JSON: as the JSON format read it, or, where a producer sent it as bytes (binary mode,
     * {@code data_base64}), those bytes read as JSON.
     *
     * @throws MalformedCloudEventException if bytes sent as the payload are not JSON
     */
    public JsonNode data() {
        CloudEventData data = event.getData();
        if (data == null) {
            return null;
        }
        if (data instanceof JsonCloudEventData json) {
            return json.getNode();
        }
        try {
            return JSON.readTree(data.toBytes());
        } catch (IOException e) {
            throw new MalformedCloudEventException("data of " + event.getType() + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** The same envelope carrying a trace context, or none when {@code traceparent} is null. */
    public CloudEvent withTraceparent(String traceparent) {
        CloudEventBuilder builder = CloudEventBuilder.from(event).withoutExtension(TRACEPARENT);
        return new CloudEvent(traceparent == null ? builder.build()
                : builder.withExtension(TRACEPARENT, traceparent).build());
    }

    /** The trace id of the write that stored the event, or null when it carries no well-formed traceparent. */
    public String traceId() {
        String traceparent = traceparent();
        if (traceparent == null || !TRACEPARENT_FORMAT.matcher(traceparent).matches()) {
            return null;
        }
        return traceparent.substring(3, 35);
    }

    /**
     * The JSON format writes {@code sequence} as a number and reads it back as one; a producer in binary mode, or
     * one that follows the CloudEvents sequence extension to the letter, sends it as a string of digits.
     */
    private static Long sequenceOf(io.cloudevents.CloudEvent event) {
        Object sequence = event.getExtension(SEQUENCE);
        if (sequence == null) {
            return null;
        }
        if (sequence instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.valueOf(sequence.toString());
        } catch (NumberFormatException e) {
            throw new MalformedCloudEventException("sequence is not a number: " + sequence, e);
        }
    }
}
