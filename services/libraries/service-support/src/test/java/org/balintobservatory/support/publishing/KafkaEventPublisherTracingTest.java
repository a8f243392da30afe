package org.balintobservatory.support.publishing;

import io.micrometer.tracing.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.balintobservatory.support.tracing.MessageTracing;
import org.balintobservatory.support.tracing.TracingFixture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher continues the trace an event was stored with, read from the metadata as the event store holds it.
 * Kafka's own {@link MockProducer} stands in for the broker and acknowledges every send at once; the integration
 * tests send to a real one.
 */
class KafkaEventPublisherTracingTest {

    private final TracingFixture otel = new TracingFixture();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final CloudEventCodec codec = new CloudEventCodec();
    /** Writes as the services' event store does (Jackson), and refuses to read anything back. */
    private final Serializer store = new WriteOnly(JacksonSerializer.defaultSerializer());
    private final KafkaEventPublisher publisher =
            new KafkaEventPublisher(producer, codec, "/balint-observatory/group-service", otel.tracing(), () -> store);

    @Test
    void aTracedEventIsSentInAPublishSpanWhoseContextTheRecordCarries() {
        Span command = otel.tracing().tracer().nextSpan().name("command RecordSessionCommand").start();
        String stored = otel.tracing().traceparent(command);
        command.end();

        ProducerRecord<String, byte[]> record = publish(MetaData.with(MessageTracing.TRACEPARENT, stored));

        CloudEvent envelope = codec.decode(record.value());
        SpanData publish = otel.exported("publish balint.group-events.v1");
        assertThat(publish.getTraceId()).isEqualTo(command.context().traceId());
        assertThat(publish.getParentSpanId()).isEqualTo(command.context().spanId());
        assertThat(publish.getKind()).hasToString("PRODUCER");
        assertThat(envelope.traceparent()).isEqualTo("00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-01");
        Header header = record.headers().lastHeader(CloudEvent.TRACEPARENT);
        assertThat(new String(header.value(), StandardCharsets.US_ASCII)).isEqualTo(envelope.traceparent());
    }

    @Test
    void anEventStoredWithoutATraceIsSentWithoutOne() {
        ProducerRecord<String, byte[]> record = publish(MetaData.emptyInstance());

        assertThat(codec.decode(record.value()).traceparent()).isNull();
        assertThat(record.headers().lastHeader(CloudEvent.TRACEPARENT)).isNull();
        assertThat(otel.exported()).isEmpty();
    }

    /**
     * A stored event whose metadata holds other entries around the trace, a nested one with a decoy {@code traceparent}
     * before it (the stored JSON is written out here, so that its order is the test's): the trace is found without
     * the metadata being read back (the store's serializer here cannot read), and the payload is the envelope's data
     * as the codec writes it.
     */
    @Test
    void aStoredEventsTraceIsPickedOutOfItsMetadataAsStored() {
        Span command = otel.tracing().tracer().nextSpan().name("command RecordSessionCommand").start();
        String stored = otel.tracing().traceparent(command);
        command.end();
        String metaData = """
                {"correlationId":"c-1","origin":{"traceparent":"not this one","hops":[1,{"a":2}]},"traceparent":"%s",\
                "traceId":"t-1"}""".formatted(stored);

        ProducerRecord<String, byte[]> record = publishStored(metaData);

        SpanData publish = otel.exported("publish balint.group-events.v1");
        assertThat(publish.getParentSpanId()).isEqualTo(command.context().spanId());
        CloudEvent envelope = codec.decode(record.value());
        assertThat(envelope.traceparent()).isEqualTo("00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-01");
        assertThat(envelope.data()).isEqualTo(codec.mapper().valueToTree(payload()));
    }

    @Test
    void aStoredEventWithoutATraceIsSentWithoutOne() {
        ProducerRecord<String, byte[]> record = publishStored("""
                {"correlationId":"c-1","origin":{"traceparent":"not this one"}}""");

        assertThat(codec.decode(record.value()).traceparent()).isNull();
        assertThat(otel.exported()).isEmpty();
    }

    private static SessionHeldEvent payload() {
        return new SessionHeldEvent("uni-lyon", "g-tuesday", "s-2026-03-03",
                LocalDate.of(2026, 3, 3), 90, SessionFormat.IN_PERSON, 2, 8, 1);
    }

    /**
     * As the event store hands an event to its processors: payload and metadata as serialized (the metadata as the
     * JSON given), read when asked.
     */
    private ProducerRecord<String, byte[]> publishStored(String metaDataJson) {
        SessionHeldEvent payload = payload();
        SerializedObject<byte[]> metaData = new SimpleSerializedObject<>(metaDataJson.getBytes(StandardCharsets.UTF_8),
                byte[].class, store.typeForClass(MetaData.class));
        SerializedMessage<SessionHeldEvent> serialized = new SerializedMessage<>("e-1",
                store.serialize(payload, byte[].class), metaData, store);
        DomainEventMessage<SessionHeldEvent> message = new GenericDomainEventMessage<>("BalintGroup",
                "uni-lyon/g-tuesday", 9, serialized, () -> Instant.parse("2026-03-03T18:00:00Z"));
        return publish(payload, message);
    }

    private ProducerRecord<String, byte[]> publish(MetaData metaData) {
        SessionHeldEvent payload = payload();
        return publish(payload, new GenericDomainEventMessage<>("BalintGroup", "uni-lyon/g-tuesday", 9, payload,
                metaData));
    }

    private ProducerRecord<String, byte[]> publish(SessionHeldEvent payload, DomainEventMessage<?> message) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        publisher.publish(payload, message);
        unitOfWork.commit();
        assertThat(producer.history()).hasSize(1);
        return producer.history().get(0);
    }

    /** A serializer that writes through the one it wraps and reads nothing. */
    private record WriteOnly(Serializer writer) implements Serializer {

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            return writer.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return writer.canSerializeTo(expectedRepresentation);
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            throw new AssertionError("read back: " + serializedObject.getType());
        }

        @Override
        public Class classForType(SerializedType type) {
            return writer.classForType(type);
        }

        @Override
        public SerializedType typeForClass(Class type) {
            return writer.typeForClass(type);
        }

        @Override
        public Converter getConverter() {
            return writer.getConverter();
        }
    }
}
