package org.balintobservatory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One golden CloudEvent per published event revision keeps the wire format, the JSON Schema and the
 * Java record in step: a renamed field, a new required field or a changed enum fails here before any
 * consumer sees it. Those golden events carry no trace context, as no event stored before traces were carried
 * does; {@code golden/traced/} holds the same events with the distributed-tracing extension.
 */
class GoldenEventTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @TestFactory
    Stream<DynamicTest> everyPublishedEventMatchesItsGoldenJsonAndSchema() {
        return EventCatalogue.ALL.stream().map(type -> DynamicTest.dynamicTest(type.cloudEventType(), () -> {
            byte[] golden = read("/golden/" + type.name() + ".v" + type.version() + ".json");
            CloudEvent envelope = codec.decode(golden);

            assertThat(envelope.type()).isEqualTo(type.cloudEventType());
            assertThat(envelope.dataschema()).isEqualTo(type.schemaResource());

            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new String(read(type.schemaResource())));
            Set<ValidationMessage> errors = schema.validate(envelope.data());
            assertThat(errors).as("golden data against %s", type.schemaResource()).isEmpty();

            Object payload = codec.payload(envelope).orElseThrow();
            assertThat(payload).isInstanceOf(type.payload());

            CloudEvent rewrapped = codec.wrap(envelope.id(), envelope.source(), envelope.subject(),
                    envelope.time(), envelope.sequence(), payload);
            JsonNode expected = codec.mapper().readTree(golden);
            JsonNode actual = codec.mapper().readTree(codec.encode(rewrapped));
            assertThat(actual).isEqualTo(expected);
        }));
    }

    /**
     * The traced golden event is the untraced one plus its {@code traceparent}; the value is the example of
     * the W3C Trace Context recommendation, section 3.2.
     */
    @Test
    void aTracedEventIsTheSameEventWithItsTraceparent() throws IOException {
        byte[] golden = read("/golden/traced/session-held.v1.json");
        CloudEvent traced = codec.decode(golden);
        CloudEvent untraced = codec.decode(read("/golden/session-held.v1.json"));

        assertThat(traced.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(traced.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(untraced.traceparent()).isNull();
        assertThat(untraced.traceId()).isNull();
        assertThat(traced.withTraceparent(null)).isEqualTo(untraced);

        CloudEvent rewrapped = codec.wrap(traced.id(), traced.source(), traced.subject(), traced.time(),
                traced.sequence(), codec.payload(traced).orElseThrow()).withTraceparent(traced.traceparent());
        assertThat(codec.mapper().readTree(codec.encode(rewrapped))).isEqualTo(codec.mapper().readTree(golden));
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = GoldenEventTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
