package org.balintobservatory.support.access.registry;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.access.ApiKeyRevokedEvent;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.infrastructure.embedded.EmbeddedKafkaBroker;
import org.balintobservatory.support.access.ApiKeys;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.publishing.KafkaConnectionProperties;
import org.balintobservatory.support.publishing.TopicProvisioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry against a real Kafka broker: what was published before it started, what is published while
 * it runs, revocations, usage reports, and a second registry that reads the same topics from the beginning.
 * Every test uses its own key ids, so the tests share one broker and its topics.
 */
class KeyRegistryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final CloudEventCodec CODEC = new CloudEventCodec();

    @TempDir
    static Path kafkaLogs;

    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    static void startKafka() {
        broker = EmbeddedKafkaBroker.start(kafkaLogs, 0);
        TopicProvisioner.ensureTopics(new KafkaConnectionProperties(broker.bootstrapServers(), 3, (short) 1),
                List.of(Topics.ACCESS_EVENTS, Topics.KEY_USAGE));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopKafka() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeRegistries() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aKeyPublishedBeforeStartIsKnownRightAfterStart() {
        String keyId = id("before");
        String hash = ApiKeys.sha256(keyId + "-secret");
        publish(keyId, new ApiKeyIssuedEvent(keyId, hash, KeyRole.SCHOOL, "uni-a", "integration", "admin"));

        KeyRegistry registry = startRegistry();

        assertThat(registry.findByHash(hash)).contains(new RegisteredKey(keyId, hash, Role.SCHOOL, "uni-a", false));
        assertThat(registry.isFollowing()).isTrue();
    }

    @Test
    void aKeyPublishedAfterStartIsFoundByTheNextCatchUp() {
        KeyRegistry registry = startRegistry();
        String keyId = id("after");
        String hash = ApiKeys.sha256(keyId + "-secret");
        publish(keyId, new ApiKeyIssuedEvent(keyId, hash, KeyRole.RESEARCHER, null, null, "admin"));

        // No waiting: the catch-up reads to the end offsets as they are now, which include the record.
        assertThat(registry.catchUp()).isTrue();
        assertThat(registry.findByHash(hash)).map(RegisteredKey::keyId).contains(keyId);
    }

    @Test
    void aRevocationReachesARunningRegistry() {
        String keyId = id("revoked");
        String hash = ApiKeys.sha256(keyId + "-secret");
        publish(keyId, new ApiKeyIssuedEvent(keyId, hash, KeyRole.SCHOOL, "uni-a", null, "admin"));
        KeyRegistry registry = startRegistry();
        assertThat(registry.findByHash(hash)).isPresent();

        publish(keyId, new ApiKeyRevokedEvent(keyId, "leaked", "admin"));

        assertThat(registry.await(keyId, RegisteredKey::revoked, TIMEOUT)).isTrue();
        assertThat(registry.findByHash(hash)).isEmpty();
    }

    @Test
    void aUsageReportReachesTheLastUsedOfARegistry() {
        KeyRegistry registry = startRegistry();
        String keyId = id("used");
        Instant usedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        KeyUsageReporter reporter = new KeyUsageReporter(broker.bootstrapServers(), "group-service",
                Duration.ofHours(1), Clock.fixed(usedAt, ZoneOffset.UTC));
        started.add(reporter);

        reporter.used(keyId);
        reporter.report();

        await().atMost(TIMEOUT).until(() -> registry.lastUsed(keyId).isPresent());
        assertThat(registry.lastUsed(keyId)).contains(usedAt);
    }

    @Test
    void aSecondRegistryStartedLaterReadsTheSameStateFromTheBeginning() {
        String live = id("live");
        String revoked = id("gone");
        String liveHash = ApiKeys.sha256(live + "-secret");
        String revokedHash = ApiKeys.sha256(revoked + "-secret");
        Instant usedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        KeyRegistry first = startRegistry();
        publish(live, new ApiKeyIssuedEvent(live, liveHash, KeyRole.ADMIN, null, null, "admin"));
        publish(revoked, new ApiKeyIssuedEvent(revoked, revokedHash, KeyRole.SCHOOL, "uni-b", null, "admin"));
        publish(revoked, new ApiKeyRevokedEvent(revoked, null, "admin"));
        KeyUsageReporter reporter = new KeyUsageReporter(broker.bootstrapServers(), "survey-service",
                Duration.ofHours(1), Clock.fixed(usedAt, ZoneOffset.UTC));
        started.add(reporter);
        reporter.used(live);
        reporter.report();
        await().atMost(TIMEOUT).until(() -> first.lastUsed(live).isPresent()
                && first.findById(revoked).map(RegisteredKey::revoked).orElse(false));

        KeyRegistry second = startRegistry();

        for (KeyRegistry registry : List.of(first, second)) {
            assertThat(registry.findByHash(liveHash))
                    .contains(new RegisteredKey(live, liveHash, Role.ADMIN, null, false));
            assertThat(registry.findByHash(revokedHash)).isEmpty();
            assertThat(registry.findById(revoked))
                    .contains(new RegisteredKey(revoked, revokedHash, Role.SCHOOL, "uni-b", true));
            assertThat(registry.lastUsed(live)).contains(usedAt);
        }
    }

    @Test
    void aClosedRegistryNoLongerCatchesUpOrFollows() {
        KeyRegistry registry = startRegistry();
        registry.close();

        assertThat(registry.catchUp()).isFalse();
        assertThat(registry.isFollowing()).isFalse();
    }

    private KeyRegistry startRegistry() {
        KeyRegistry registry = new KeyRegistry(broker.bootstrapServers(), TIMEOUT);
        registry.start(TIMEOUT);
        started.add(registry);
        return registry;
    }

    /** Publishes as the access service does: a CloudEvent on the access topic, keyed by the key's aggregate. */
    private static void publish(String keyId, Object payload) {
        String subject = "key/" + keyId;
        byte[] json = CODEC.encode(CODEC.wrap(UUID.randomUUID().toString(), "/balint-observatory/access-service",
                subject, Instant.now(), null, payload));
        try {
            producer.send(new ProducerRecord<>(Topics.ACCESS_EVENTS.name(), subject, json)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + payload, e);
        }
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
