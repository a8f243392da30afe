package org.balintobservatory.support.publishing;

import io.micrometer.tracing.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.balintobservatory.support.tracing.MessageTracing;
import org.balintobservatory.support.tracing.TracingFixture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher continues the trace an event was stored with. Kafka's own {@link MockProducer} stands in for the
 * broker and acknowledges every send at once; the integration tests send to a real one.
 */
class KafkaEventPublisherTracingTest {

    private final TracingFixture otel = new TracingFixture();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final CloudEventCodec codec = new CloudEventCodec();
    private final KafkaEventPublisher publisher =
            new KafkaEventPublisher(producer, codec, "/balint-observatory/group-service", otel.tracing());

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

    private ProducerRecord<String, byte[]> publish(MetaData metaData) {
        SessionHeldEvent payload = new SessionHeldEvent("uni-lyon", "g-tuesday", "s-2026-03-03",
                LocalDate.of(2026, 3, 3), 90, SessionFormat.IN_PERSON, 2, 8, 1);
        var message = new GenericDomainEventMessage<>("BalintGroup", "uni-lyon/g-tuesday", 9, payload, metaData);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        publisher.publish(payload, message);
        unitOfWork.commit();
        assertThat(producer.history()).hasSize(1);
        return producer.history().get(0);
    }
}
