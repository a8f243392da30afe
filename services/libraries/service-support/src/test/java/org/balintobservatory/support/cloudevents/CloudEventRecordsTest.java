package org.balintobservatory.support.cloudevents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.cloudevents.MalformedCloudEventException;
import org.balintobservatory.support.publishing.KafkaEventPublisher;
import org.balintobservatory.support.tracing.MessageTracing;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every golden event of the contract ({@code event-contract/src/test/resources/golden}, the traced one included)
 * goes from a publisher's record to a consumer's event: the record a publisher sends becomes a
 * {@link ConsumerRecord} with its headers and value, as the broker would hand it over, and the consumers' path reads
 * it back. No broker is needed; the integration tests of the services send to a real one.
 */
class CloudEventRecordsTest {

    private static final Path GOLDEN = Path.of("..", "event-contract", "src", "test", "resources", "golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudEventCodec codec = new CloudEventCodec();

    @TestFactory
    Stream<DynamicTest> everyGoldenEventTravelsFromThePublisherToAConsumerUnchanged() {
        return golden().map(file -> DynamicTest.dynamicTest(GOLDEN.relativize(file).toString(), () -> {
            byte[] golden = Files.readAllBytes(file);
            CloudEvent event = codec.decode(golden);
            Topic topic = EventCatalogue.forCloudEventType(event.type()).orElseThrow().topic();

            ProducerRecord<String, byte[]> sent = publish(event);
            CloudEvent read = CloudEventRecords.read(received(sent, sent.headers()));

            assertThat(sent.topic()).isEqualTo(topic.name());
            assertThat(sent.key()).isEqualTo(topic.recordKey(event.subject()));
            assertThat(header(sent.headers(), "content-type")).isEqualTo(CloudEvent.KAFKA_CONTENT_TYPE);
            assertThat(header(sent.headers(), CloudEvent.TRACEPARENT)).isEqualTo(event.traceparent());
            assertThat(JSON.readTree(sent.value())).as("the value on the wire").isEqualTo(JSON.readTree(golden));
            assertThat(read).isEqualTo(event);
            assertThat(JSON.readTree(codec.encode(read))).isEqualTo(JSON.readTree(golden));
            assertThat(codec.payload(read)).isEqualTo(codec.payload(event)).isPresent();
        }));
    }

    /** A record published before the Kafka binding may lack the content-type header, or have another one. */
    @TestFactory
    Stream<DynamicTest> aRecordWithoutTheContentTypeHeaderIsReadAsStructuredJson() {
        return golden().map(file -> DynamicTest.dynamicTest(GOLDEN.relativize(file).toString(), () -> {
            byte[] golden = Files.readAllBytes(file);
            CloudEvent expected = codec.decode(golden);
            ProducerRecord<String, byte[]> old = new ProducerRecord<>("topic", "key", golden);

            assertThat(CloudEventRecords.read(received(old, new RecordHeaders()))).isEqualTo(expected);
            assertThat(CloudEventRecords.read(received(old, contentType("application/json")))).isEqualTo(expected);
            assertThat(CloudEventRecords.read(received(old, contentType("application/cloudevents+json"))))
                    .isEqualTo(expected);
        }));
    }

    /** Another producer may send binary mode: the attributes in ce_ headers, the payload as the value. */
    @Test
    void aBinaryModeRecordIsReadByItsHeaders() throws IOException {
        CloudEvent event = codec.decode(Files.readAllBytes(GOLDEN.resolve("traced/session-held.v1.json")));
        ProducerRecord<String, byte[]> binary = KafkaMessageFactory.createWriter("topic", "key")
                .writeBinary(event.event());

        CloudEvent read = CloudEventRecords.read(received(binary, binary.headers()));

        assertThat(header(binary.headers(), "ce_sequence")).isEqualTo("9");
        assertThat(read.id()).isEqualTo(event.id());
        assertThat(read.time()).isEqualTo(event.time());
        assertThat(read.sequence()).isEqualTo(9L);
        assertThat(read.traceId()).isEqualTo(event.traceId());
        assertThat(read.data()).isEqualTo(event.data());
        assertThat(codec.payload(read)).isEqualTo(codec.payload(event));
    }

    @Test
    void aRecordThatHoldsNoCloudEventIsRefused() {
        byte[] json = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] text = "not json".getBytes(StandardCharsets.UTF_8);
        Headers structured = contentType(CloudEvent.KAFKA_CONTENT_TYPE);

        assertThatThrownBy(() -> CloudEventRecords.read(received(new ProducerRecord<>("t", "k", json), structured)))
                .isInstanceOf(MalformedCloudEventException.class);
        assertThatThrownBy(() -> CloudEventRecords.read(received(new ProducerRecord<>("t", "k", text), structured)))
                .isInstanceOf(MalformedCloudEventException.class);
        assertThatThrownBy(() -> CloudEventRecords.read(received(new ProducerRecord<>("t", "k", text),
                new RecordHeaders()))).isInstanceOf(MalformedCloudEventException.class);
        assertThatThrownBy(() -> CloudEventRecords.read(received(new ProducerRecord<>("t", "k", null), structured)))
                .isInstanceOf(MalformedCloudEventException.class);
    }

    /**
     * The publisher's path: an event with a sequence and no trace goes through {@link KafkaEventPublisher} itself;
     * the traced one (whose traceparent the publisher would take from a span of its own) and a key-usage report
     * (which {@code KeyUsageReporter} sends) are written as both of them write a record.
     */
    private ProducerRecord<String, byte[]> publish(CloudEvent event) {
        Object payload = codec.payload(event).orElseThrow();
        if (event.sequence() == null || event.traceparent() != null) {
            Topic topic = EventCatalogue.forPayload(payload.getClass()).orElseThrow().topic();
            return CloudEventRecords.write(topic.name(), topic.recordKey(event.subject()),
                    codec.wrap(event.id(), event.source(), event.subject(), event.time(), event.sequence(), payload)
                            .withTraceparent(event.traceparent()));
        }
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        KafkaEventPublisher publisher = new KafkaEventPublisher(producer, codec, event.source(), MessageTracing.none(),
                JacksonSerializer::defaultSerializer);
        var message = new GenericDomainEventMessage<>("Aggregate", event.subject(), event.sequence(), payload,
                MetaData.emptyInstance(), event.id(), event.time());
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        publisher.publish(payload, message);
        unitOfWork.commit();
        assertThat(producer.history()).hasSize(1);
        return producer.history().get(0);
    }

    /** The record as a consumer gets it, with the given headers (copied) and the sent value. */
    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent, Headers headers) {
        RecordHeaders copied = new RecordHeaders();
        for (Header header : headers) {
            copied.add(new RecordHeader(header.key(), header.value().clone()));
        }
        byte[] value = sent.value() == null ? null : sent.value().clone();
        return new ConsumerRecord<>(sent.topic(), 0, 42L, 1_700_000_000_000L, TimestampType.CREATE_TIME, -1,
                value == null ? -1 : value.length, sent.key(), value, copied, Optional.empty());
    }

    private static Headers contentType(String value) {
        return new RecordHeaders(List.of(new RecordHeader("content-type", value.getBytes(StandardCharsets.UTF_8))));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Stream<Path> golden() {
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(json).as("golden events in %s", GOLDEN.toAbsolutePath()).hasSizeGreaterThan(18);
            return json.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
