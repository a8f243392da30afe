package org.balintobservatory.contract.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The AsyncAPI 3.0.0 document of every topic of the published language:
 * <ul>
 *   <li>one channel per {@link Topics#ALL} entry, its address the topic name, with the Kafka channel binding
 *       (cleanup policy: compacted or kept forever) and the description and record key the catalogue gives;</li>
 *   <li>one message per {@link EventCatalogue#ALL} entry, on the channel of its topic: a CloudEvents 1.0
 *       envelope in structured mode ({@code content-type: application/cloudevents+json} header, as the
 *       CloudEvents Kafka protocol binding defines it) whose {@code type} is the event's CloudEvents type and
 *       whose {@code data} is the event's JSON Schema, copied from this module;</li>
 *   <li>one {@code send} operation per channel: the services publish; any consumer may read.</li>
 * </ul>
 * The document is built from the catalogue each time, so a new event or topic appears in it without
 * anyone editing it; {@code docs/asyncapi.json} is the same document, kept equal by a test.
 */
public final class AsyncApiDocument {

    public static final String ASYNCAPI_VERSION = "3.0.0";
    /** The Kafka bindings' version this document follows. */
    static final String KAFKA_BINDING_VERSION = "0.5.0";

    private AsyncApiDocument() {
    }

    /** The document, with its members in a fixed order so that the same contract gives the same bytes. */
    public static ObjectNode build(ObjectMapper mapper) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("asyncapi", ASYNCAPI_VERSION);
        doc.put("id", "urn:org.balintobservatory:events");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Balint Observatory events");
        info.put("version", "1");
        info.put("description", "Every topic the services publish, and every event on it. Each Kafka record is "
                + "one CloudEvents 1.0 event in structured JSON mode; the events of one aggregate travel in order "
                + "on one partition. Consumers deduplicate by the CloudEvents id and skip types they do not know.");
        doc.put("defaultContentType", "application/cloudevents+json");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode traits = components.putObject("messageTraits");
        traits.set("cloudEventsStructured", structuredModeTrait(mapper));

        for (Topic topic : Topics.ALL) {
            String channelId = channelId(topic);
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic.name());
            channel.put("title", topic.name());
            channel.put("description", topic.description());
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
            kafka.put("topic", topic.name());
            ObjectNode configuration = kafka.putObject("topicConfiguration");
            configuration.putArray("cleanup.policy").add(topic.compacted() ? "compact" : "delete");
            if (!topic.compacted()) {
                configuration.put("retention.ms", -1);
            }
            kafka.put("bindingVersion", KAFKA_BINDING_VERSION);

            ObjectNode operation = operations.putObject("publish" + capitalised(channelId));
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + channelId);
            operation.put("summary", "The services publish " + topic.name() + "; any consumer may read it.");
            ArrayNode operationMessages = operation.putArray("messages");

            for (EventType type : EventCatalogue.ALL) {
                if (!type.topic().equals(topic)) {
                    continue;
                }
                String messageId = messageId(type);
                String schemaId = type.name() + ".v" + type.version();
                schemas.set(schemaId, contractSchema(mapper, type));
                messages.set(messageId, message(mapper, type, topic, schemaId));
                channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
                operationMessages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + messageId);
            }
        }
        return doc;
    }

    /** The document as the JSON served and committed: two-space indented, one trailing newline. */
    public static String json(ObjectMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(build(mapper)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode message(ObjectMapper mapper, EventType type, Topic topic, String schemaId) {
        ObjectNode message = mapper.createObjectNode();
        message.put("name", type.cloudEventType());
        message.put("title", type.name() + " v" + type.version());
        JsonNode schema = contractSchema(mapper, type);
        if (schema.hasNonNull("description")) {
            message.put("summary", schema.get("description").asText());
        }
        message.put("contentType", "application/cloudevents+json");
        message.putArray("traits").addObject().put("$ref", "#/components/messageTraits/cloudEventsStructured");

        ObjectNode payload = message.putObject("payload");
        payload.put("type", "object");
        payload.putArray("required").add("specversion").add("id").add("source").add("type").add("subject")
                .add("time").add("datacontenttype").add("dataschema").add("data");
        ObjectNode properties = payload.putObject("properties");
        properties.putObject("specversion").put("const", CloudEvent.SPEC_VERSION);
        properties.putObject("id").put("type", "string")
                .put("description", "the event identifier; a consumer that saw it before skips it");
        properties.putObject("source").put("type", "string")
                .put("description", "the service that accepted the command, e.g. /balint-observatory/group-service");
        properties.putObject("type").put("const", type.cloudEventType());
        properties.putObject("subject").put("type", "string")
                .put("description", "the aggregate id; the record key is derived from it: " + topic.key());
        properties.putObject("time").put("type", "string").put("format", "date-time");
        properties.putObject("datacontenttype").put("const", CloudEvent.CONTENT_TYPE);
        properties.putObject("dataschema").put("const", type.schemaResource());
        properties.putObject("sequence").put("type", "integer").put("minimum", 0)
                .put("description", "the event's position within its aggregate (absent for events of no aggregate)");
        properties.putObject(CloudEvent.TRACEPARENT).put("type", "string")
                .put("pattern", "^" + CloudEvent.TRACEPARENT_FORMAT.pattern() + "$")
                .put("description", "W3C Trace Context of the span that published the event, in the trace of the "
                        + "write that stored it (CloudEvents distributed-tracing extension); absent when the write "
                        + "was not traced");
        properties.putObject("data").put("$ref", "#/components/schemas/" + schemaId);

        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", topic.key());
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        return message;
    }

    /** Structured-mode CloudEvents on Kafka: the whole event in the value, marked by its content type. */
    private static ObjectNode structuredModeTrait(ObjectMapper mapper) {
        ObjectNode trait = mapper.createObjectNode();
        trait.put("summary", "CloudEvents 1.0, structured content mode of the Kafka protocol binding");
        ObjectNode headers = trait.putObject("headers");
        headers.put("type", "object");
        headers.putArray("required").add("content-type");
        ObjectNode headerProperties = headers.putObject("properties");
        headerProperties.putObject("content-type").put("const", CloudEvent.KAFKA_CONTENT_TYPE);
        headerProperties.putObject(CloudEvent.TRACEPARENT).put("type", "string")
                .put("pattern", "^" + CloudEvent.TRACEPARENT_FORMAT.pattern() + "$")
                .put("description", "the event's traceparent attribute again, for tools that read Kafka headers "
                        + "only; absent with it");
        trait.putObject("externalDocs").put("description", "CloudEvents Kafka protocol binding")
                .put("url", "https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md");
        return trait;
    }

    /** The event's JSON Schema as this module ships it. */
    static JsonNode contractSchema(ObjectMapper mapper, EventType type) {
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("no schema " + type.schemaResource() + " for " + type.cloudEventType());
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code balint.group-events.v1} becomes {@code groupEvents}. */
    static String channelId(Topic topic) {
        String name = topic.name().replaceFirst("^balint\\.", "").replaceFirst("\\.v\\d+$", "");
        return camel(List.of(name.split("[-.]")));
    }

    /** {@code session-held} revision 1 becomes {@code sessionHeldV1}. */
    static String messageId(EventType type) {
        return camel(List.of(type.name().split("-"))) + "V" + type.version();
    }

    private static String camel(List<String> words) {
        StringBuilder id = new StringBuilder(words.get(0));
        words.stream().skip(1).forEach(w -> id.append(capitalised(w)));
        return id.toString();
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
