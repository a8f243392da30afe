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

    /**
     * Each catch-up asked for an unknown key used to wait for the reader's current poll and for the usage
     * topic too (about half a second a key), so unknown keys held request threads far longer than valid
     * ones. A round now wakes the reader, asks the end offsets on a connection that has no fetch waiting and
     * reads only the access topic: one round trip to the broker, a few milliseconds, while usage reports keep
     * arriving as they do in a running service. The bounds leave room for a busy build machine.
     */
    @Test
    void aCatchUpForAnUnknownKeyTakesMillisecondsNotAPoll() {
        KeyRegistry registry = startRegistry();
        KeyUsageReporter reporter = new KeyUsageReporter(broker.bootstrapServers(), "group-service",
                Duration.ofMillis(20), Clock.systemUTC());
        started.add(reporter);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reporter.used(id("busy"));
            long start = System.nanoTime();
            assertThat(registry.catchUp()).isTrue();
            millis.add((System.nanoTime() - start) / 1_000_000);
            sleep(Duration.ofMillis(15));
        }
        millis.sort(Long::compare);
        assertThat(millis.get(millis.size() / 2)).as("median catch-up in ms, of %s", millis).isLessThan(30);
        assertThat(millis.get(millis.size() * 9 / 10)).as("90th percentile in ms, of %s", millis).isLessThan(100);
    }

    @Test
    void aKeyPublishedDuringAFloodOfUnknownKeysIsStillFoundByTheNextCatchUp() throws Exception {
        KeyRegistry registry = startRegistry();
        List<Thread> flood = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    registry.catchUp();
                }
            });
            t.start();
            flood.add(t);
        }
        try {
            String keyId = id("flood");
            String hash = ApiKeys.sha256(keyId + "-secret");
            publish(keyId, new ApiKeyIssuedEvent(keyId, hash, KeyRole.SCHOOL, "uni-a", null, "admin"));

            assertThat(registry.catchUp()).isTrue();
            assertThat(registry.findByHash(hash)).map(RegisteredKey::keyId).contains(keyId);
        } finally {
            flood.forEach(Thread::interrupt);
            for (Thread t : flood) {
                t.join(5_000);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
