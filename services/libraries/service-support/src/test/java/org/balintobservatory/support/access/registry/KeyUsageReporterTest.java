package org.balintobservatory.support.access.registry;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.access.ApiKeyUsedEvent;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The batching of usage reports, against Kafka's {@link MockProducer}. The interval is an hour so the
 * reporter's own schedule never runs; the tests call {@link KeyUsageReporter#report()} themselves.
 */
class KeyUsageReporterTest {

    private static final Duration NEVER = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private final CloudEventCodec codec = new CloudEventCodec();
    private final MutableClock clock = new MutableClock(T0);
    private MockProducer<String, byte[]> producer;
    private KeyUsageReporter reporter;

    @AfterEach
    void close() {
        if (reporter != null) {
            reporter.close();
        }
    }

    private KeyUsageReporter reporter(boolean autoComplete) {
        producer = new MockProducer<>(autoComplete, new StringSerializer(), new ByteArraySerializer());
        reporter = new KeyUsageReporter(producer, "group-service", NEVER, clock);
        return reporter;
    }

    @Test
    void severalUsesOfOneKeyAreOneRecordPerReportWithTheLatestTime() {
        reporter(true);
        reporter.used("k1");
        clock.advance(Duration.ofSeconds(5));
        reporter.used("k1");
        clock.advance(Duration.ofSeconds(5));
        reporter.used("k1");
        Instant latest = clock.instant();
        clock.advance(Duration.ofSeconds(1));

        reporter.report();

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.KEY_USAGE.name());
        assertThat(record.key()).isEqualTo("k1/group-service");
        Header contentType = record.headers().lastHeader("content-type");
        assertThat(contentType).isNotNull();
        assertThat(new String(contentType.value(), StandardCharsets.UTF_8)).isEqualTo(CloudEvent.KAFKA_CONTENT_TYPE);

        CloudEvent event = codec.decode(record.value());
        assertThat(event.type()).isEqualTo("org.balintobservatory.api-key-used.v1");
        assertThat(event.subject()).isEqualTo("k1/group-service");
        assertThat(event.source()).isEqualTo("/balint-observatory/group-service");
        assertThat(event.time()).isEqualTo(latest.plusSeconds(1));
        assertThat(codec.payload(event)).contains(new ApiKeyUsedEvent("k1", "group-service", latest));
    }

    @Test
    void aReportNeverCarriesAnEarlierTimeThanAnotherInstanceOfTheServiceAlreadyReported() {
        reporter(true);
        Instant otherInstance = T0.plusSeconds(30);
        reporter.mergingReportsFrom(keyId -> keyId.equals("k1") ? Optional.of(otherInstance) : Optional.empty());
        reporter.used("k1");
        reporter.used("k2");

        reporter.report();

        assertThat(producer.history()).extracting(this::payload).containsExactlyInAnyOrder(
                new ApiKeyUsedEvent("k1", "group-service", otherInstance),
                new ApiKeyUsedEvent("k2", "group-service", T0));
    }

    @Test
    void aReportSendsOnlyWhatWasUsedSinceTheLastOne() {
        reporter(true);
        reporter.used("k1");
        reporter.used("k2");
        reporter.report();
        assertThat(producer.history()).extracting(ProducerRecord::key)
                .containsExactlyInAnyOrder("k1/group-service", "k2/group-service");

        reporter.report();
        assertThat(producer.history()).hasSize(2);

        clock.advance(Duration.ofMinutes(1));
        reporter.used("k2");
        reporter.report();
        assertThat(producer.history()).hasSize(3);
        assertThat(payload(producer.history().get(2)))
                .isEqualTo(new ApiKeyUsedEvent("k2", "group-service", T0.plusSeconds(60)));
    }

    @Test
    void aReportKafkaRefusedIsSentAgainWithTheNextOne() {
        reporter(false);
        reporter.used("k1");

        reporter.report();
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.errorNext(new KafkaException("broker unavailable"))).isTrue();

        reporter.report();
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.history().get(1).key()).isEqualTo("k1/group-service");
        assertThat(payload(producer.history().get(1))).isEqualTo(new ApiKeyUsedEvent("k1", "group-service", T0));
        assertThat(producer.completeNext()).isTrue();

        reporter.report();
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void aRefusedReportDoesNotMoveANewerUseBack() {
        reporter(false);
        reporter.used("k1");
        reporter.report();

        clock.advance(Duration.ofSeconds(30));
        reporter.used("k1");
        assertThat(producer.errorNext(new KafkaException("broker unavailable"))).isTrue();

        reporter.report();
        assertThat(producer.history()).hasSize(2);
        assertThat(payload(producer.history().get(1)))
                .isEqualTo(new ApiKeyUsedEvent("k1", "group-service", T0.plusSeconds(30)));
    }

    @Test
    void aSendThatThrowsIsSentAgainWithTheNextReport() {
        reporter(true);
        reporter.used("k1");
        producer.sendException = new KafkaException("buffer full");

        reporter.report();
        assertThat(producer.history()).isEmpty();

        producer.sendException = null;
        reporter.report();
        assertThat(producer.history()).hasSize(1);
        assertThat(payload(producer.history().get(0))).isEqualTo(new ApiKeyUsedEvent("k1", "group-service", T0));
    }

    @Test
    void closingSendsWhatWasNotReportedYet() {
        reporter(true);
        reporter.used("k1");

        reporter.close();
        reporter = null;

        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("k1/group-service");
        assertThat(producer.closed()).isTrue();
    }

    private ApiKeyUsedEvent payload(ProducerRecord<String, byte[]> record) {
        return (ApiKeyUsedEvent) codec.payload(codec.decode(record.value())).orElseThrow();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
