package org.balintobservatory.contract.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document says what the contract says: a channel per topic, a message per event type on the
 * channel of its topic, each message's data exactly the event's JSON Schema, every reference resolvable,
 * and each golden CloudEvent valid against its message's payload. {@code docs/asyncapi.json} is the
 * generated document byte for byte; after a change to the contract, regenerate it with
 * {@code ./mvnw -pl services/libraries/event-contract test -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true}.
 */
class AsyncApiDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path COMMITTED = Path.of("..", "..", "..", "docs", "asyncapi.json");

    private final ObjectNode doc = AsyncApiDocument.build(MAPPER);

    @Test
    void everyTopicIsAChannelWithItsKafkaBinding() {
        assertThat(doc.get("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.get("channels")).hasSize(Topics.ALL.size());
        for (Topic topic : Topics.ALL) {
            JsonNode channel = doc.at("/channels/" + AsyncApiDocument.channelId(topic));
            assertThat(channel.get("address").asText()).isEqualTo(topic.name());
            assertThat(channel.at("/bindings/kafka/topic").asText()).isEqualTo(topic.name());
            assertThat(channel.at("/bindings/kafka/topicConfiguration/cleanup.policy/0").asText())
                    .isEqualTo(topic.compacted() ? "compact" : "delete");
            JsonNode operation = doc.at("/operations/publish" + capitalised(AsyncApiDocument.channelId(topic)));
            assertThat(operation.get("action").asText()).isEqualTo("send");
            assertThat(operation.at("/channel/$ref").asText())
                    .isEqualTo("#/channels/" + AsyncApiDocument.channelId(topic));
        }
    }

    @Test
    void everyEventTypeIsAMessageOnTheChannelOfItsTopicWithItsSchemaAsData() throws IOException {
        assertThat(doc.at("/components/messages")).hasSize(EventCatalogue.ALL.size());
        for (EventType type : EventCatalogue.ALL) {
            String id = AsyncApiDocument.messageId(type);
            JsonNode message = doc.at("/components/messages/" + id);
            assertThat(message.at("/payload/properties/type/const").asText()).isEqualTo(type.cloudEventType());
            assertThat(message.at("/payload/properties/dataschema/const").asText()).isEqualTo(type.schemaResource());
            assertThat(doc.at("/channels/" + AsyncApiDocument.channelId(type.topic()) + "/messages/" + id + "/$ref")
                    .asText()).as(type.cloudEventType() + " on " + type.topic().name())
                    .isEqualTo("#/components/messages/" + id);
            JsonNode data = resolve(message.at("/payload/properties/data/$ref").asText());
            assertThat(data).isEqualTo(MAPPER.readTree(read(type.schemaResource())));
        }
    }

    @Test
    void everyReferenceResolvesInsideTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).hasSizeGreaterThan(3 * EventCatalogue.ALL.size());
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(resolve(ref).isMissingNode()).as(ref).isFalse();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenEventIsValidAgainstItsMessage() {
        return EventCatalogue.ALL.stream().map(type -> DynamicTest.dynamicTest(type.cloudEventType(), () -> {
            JsonSchema schema = payloadSchema(type);
            JsonNode golden = MAPPER.readTree(read("/golden/" + type.name() + ".v" + type.version() + ".json"));

            Set<ValidationMessage> errors = schema.validate(golden);

            assertThat(errors).as("golden %s against its AsyncAPI message", type.cloudEventType()).isEmpty();
        }));
    }

    @Test
    void aTracedGoldenEventIsValidAndAMalformedTraceparentIsNot() throws IOException {
        EventType held = EventCatalogue.ALL.stream().filter(t -> t.name().equals("session-held")).findFirst()
                .orElseThrow();
        JsonSchema schema = payloadSchema(held);
        ObjectNode traced = (ObjectNode) MAPPER.readTree(read("/golden/traced/session-held.v1.json"));

        assertThat(schema.validate(traced)).isEmpty();
        traced.put("traceparent", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(schema.validate(traced)).anySatisfy(m -> assertThat(m.getMessage()).contains("traceparent"));
    }

    /** The payload schema can fail: a golden event of another type is refused by its {@code type} const. */
    @Test
    void aMessageRefusesAnEventOfAnotherType() throws IOException {
        EventType held = EventCatalogue.ALL.stream().filter(t -> t.name().equals("session-held")).findFirst()
                .orElseThrow();
        JsonSchema schema = payloadSchema(held);
        JsonNode voided = MAPPER.readTree(read("/golden/session-voided.v1.json"));

        assertThat(schema.validate(voided)).anySatisfy(m -> assertThat(m.getMessage()).contains("type"));
    }

    @Test
    void theCommittedDocumentIsTheGeneratedOne() throws IOException {
        String generated = AsyncApiDocument.json(MAPPER);
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/asyncapi.json is generated; rerun this test with -Dasyncapi.write=true after a contract change")
                .isEqualTo(generated);
    }

    /** A message's payload as a standalone JSON Schema: the CloudEvent envelope with the event's schema inline. */
    private JsonSchema payloadSchema(EventType type) {
        ObjectNode payload = doc.at("/components/messages/" + AsyncApiDocument.messageId(type) + "/payload")
                .deepCopy();
        ObjectNode properties = (ObjectNode) payload.get("properties");
        ObjectNode data = (ObjectNode) resolve(properties.at("/data/$ref").asText()).deepCopy();
        data.remove("$schema");
        properties.set("data", data);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(payload);
    }

    private JsonNode resolve(String ref) {
        StringBuilder pointer = new StringBuilder();
        for (String token : ref.substring(2).split("/")) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return doc.at(pointer.toString());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (name.equals("$ref") && node.get(name).isTextual()) {
                    refs.add(node.get(name).asText());
                } else {
                    collectRefs(node.get(name), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static String capitalised(String word) {
        return word.substring(0, 1).toUpperCase() + word.substring(1);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
