package org.balintobservatory.support.access.registry;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.access.ApiKeyRevokedEvent;
import org.balintobservatory.contract.access.ApiKeyUsedEvent;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.infrastructure.embedded.EmbeddedKafkaBroker;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.access.ApiKeys;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
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
 * Every test uses its own fixed key ids, so the tests share one broker and its topics.
 */
class KeyRegistryIT {

    private static final Duration TIMEOUT = Patience.scaled(Duration.ofSeconds(10));
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
     * Each catch-up asked for an unknown key used to read the usage topic too, which changes all the time,
     * so unknown keys held request threads far longer than valid ones. A round now asks the end offsets of
     * the access topic once and reads nothing when no key was issued since: counted, not timed, while a
     * usage report lands on the broker before every catch-up, as they keep arriving in a running service.
     */
    @Test
    void aCatchUpForAnUnknownKeyIsOneEndOffsetLookupAndNoRead() {
        KeyRegistry registry = startRegistry();
        String keyId = id("busy");
        Instant firstUse = Instant.parse("2026-03-02T09:00:00Z");
        KeyRegistry.Work before = registry.work();
        int catchUps = 40;
        for (int i = 0; i < catchUps; i++) {
            publishUsage(keyId, "group-service", firstUse.plusSeconds(i));
            assertThat(registry.catchUp()).isTrue();
        }
        KeyRegistry.Work after = registry.work();

        assertThat(new KeyRegistry.Work(after.rounds() - before.rounds(),
                after.endOffsetLookups() - before.endOffsetLookups(), after.polls() - before.polls()))
                .as("work of %d catch-ups with nothing new on the access topic", catchUps)
                .isEqualTo(new KeyRegistry.Work(catchUps, catchUps, 0));
        // The usage reports were there to read: the background reader has them.
        Instant lastUse = firstUse.plusSeconds(catchUps - 1);
        await().atMost(TIMEOUT).until(() -> registry.lastUsed(keyId).filter(lastUse::equals).isPresent());
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
        send(Topics.ACCESS_EVENTS.name(), "key/" + keyId, "access-service", payload);
    }

    /** Publishes a usage report as a service's reporter does, and waits until the broker has it. */
    private static void publishUsage(String keyId, String service, Instant usedAt) {
        send(Topics.KEY_USAGE.name(), keyId + "/" + service, service, new ApiKeyUsedEvent(keyId, service, usedAt));
    }

    private static void send(String topic, String subject, String service, Object payload) {
        CloudEvent event = CODEC.wrap(UUID.randomUUID().toString(), "/balint-observatory/" + service, subject,
                Instant.now(), null, payload);
        try {
            producer.send(CloudEventRecords.write(topic, subject, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + payload, e);
        }
    }

    /** A fixed key id per test: the broker is this class's own, so ids need not differ between runs. */
    private static String id(String name) {
        return "key-" + name;
    }
}
