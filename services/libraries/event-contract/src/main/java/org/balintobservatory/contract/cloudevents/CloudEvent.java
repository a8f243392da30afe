package org.balintobservatory.contract.cloudevents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode.
 *
 * @param id              the event identifier assigned when the event was stored; consumers deduplicate by it
 * @param source          the service that accepted the command, e.g. {@code /balint-observatory/group-service}
 * @param type            the event type and revision, e.g. {@code org.balintobservatory.session-held.v1}
 * @param subject         the aggregate identifier, also the Kafka record key
 * @param time            when the event was stored
 * @param dataschema      the path of the payload's JSON Schema in the event contract
 * @param sequence        the event's position within its aggregate, so a consumer can spot gaps
 * @param traceparent     the W3C Trace Context {@code traceparent} of the span that published the event, whose
 *                        trace began with the write that stored it (the CloudEvents distributed-tracing
 *                        extension); absent when that write was not traced, as in every event stored before
 *                        traces were carried. It identifies a trace and a span, never a person or a key.
 * @param data            the event payload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        Long sequence,
        String traceparent,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** The Kafka header a structured-mode CloudEvent carries (CloudEvents Kafka protocol binding). */
    public static final String KAFKA_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /**
     * The name of the distributed-tracing extension attribute, and of the Kafka header that repeats it for
     * tools that read headers only.
     */
    public static final String TRACEPARENT = "traceparent";
    /**
     * A {@code traceparent} as W3C Trace Context writes it: version, 32 hex digits of trace id, 16 of parent
     * span id, flags, all lower case. A value that does not match is ignored by consumers, as the
     * recommendation asks; it never makes the event unreadable.
     */
    public static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    /** The same envelope carrying a trace context, or none when {@code traceparent} is null. */
    public CloudEvent withTraceparent(String traceparent) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, dataschema, sequence,
                traceparent, data);
    }

    /** The trace id of the write that stored the event, or null when it carries no well-formed traceparent. */
    public String traceId() {
        if (traceparent == null || !TRACEPARENT_FORMAT.matcher(traceparent).matches()) {
            return null;
        }
        return traceparent.substring(3, 35);
    }
}
