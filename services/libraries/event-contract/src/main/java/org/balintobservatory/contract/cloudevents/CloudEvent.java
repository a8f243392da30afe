package org.balintobservatory.contract.cloudevents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

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
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** The Kafka header a structured-mode CloudEvent carries (CloudEvents Kafka protocol binding). */
    public static final String KAFKA_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
}
