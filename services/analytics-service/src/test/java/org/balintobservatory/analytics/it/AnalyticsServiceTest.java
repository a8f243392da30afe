package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.balintobservatory.support.publishing.KafkaConnectionProperties;
import org.balintobservatory.support.publishing.TopicProvisioner;
import org.balintobservatory.support.tracing.RecordedSpans;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The service against the real (or in-process) Kafka and MongoDB, the topics, a producer of CloudEvents
 * and an HTTP client with a key per role. Subclasses name the database and the consumer group through
 * {@link #configure}: a test that needs a context of its own names both, since two contexts in one
 * consumer group would split the partitions between them. The spans of the traces a test watches are kept in
 * {@link RecordedSpans}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@Import(RecordedSpans.class)
abstract class AnalyticsServiceTest {

    static final String SCHOOL_KEY = "it-school-key";
    static final String RESEARCHER_KEY = "it-researcher-key";
    static final String ADMIN_KEY = "it-admin-key";
    static final String SCHOOL = "it-school";
    static final String REPLAY_SCHOOL_KEY = "it-replay-school-key";
    static final String REPLAY_SCHOOL = "it-replay-school";

    static final InfrastructureEndpoints INFRA = InfrastructureEndpoints.resolve();
    static final CloudEventCodec CODEC = new CloudEventCodec();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    /** The secret the group and survey services would pseudonymise this run's participant ids with. */
    static final String PSEUDONYM_SECRET = "analytics-test-pseudonym-secret-0123456789";

    static void configure(DynamicPropertyRegistry registry, String database, String consumerGroup) {
        createTopics();
        registry.add("balint.analytics.mongodb-uri", INFRA::mongoUri);
        registry.add("balint.analytics.kafka-bootstrap", INFRA::kafkaBootstrap);
        // The issued-key registry and the key-usage reporter of service-support read this one.
        registry.add("kafka.bootstrap-servers", INFRA::kafkaBootstrap);
        registry.add("balint.analytics.database", () -> database);
        registry.add("balint.analytics.consumer-group", () -> consumerGroup);
        registry.add("balint.pseudonyms.secret", () -> PSEUDONYM_SECRET);
        key(registry, 0, "it-school", SCHOOL_KEY, SCHOOL, "SCHOOL");
        key(registry, 1, "it-researcher", RESEARCHER_KEY, null, "RESEARCHER");
        key(registry, 2, "it-admin", ADMIN_KEY, null, "ADMIN");
        key(registry, 3, "it-replay-school", REPLAY_SCHOOL_KEY, REPLAY_SCHOOL, "SCHOOL");
        // Spans reach RecordedSpans a tenth of a second after they end, not Boot's five seconds.
        registry.add("management.tracing.opentelemetry.export.schedule-delay", () -> "100ms");
        // The rate limit is service-support's, tested there (as in the other services' tests): the hostile
        // floods here would otherwise spend most of their time waiting out 429s, a second at a time.
        registry.add("balint.access.requests-per-second", () -> "1000000");
        registry.add("balint.access.burst", () -> "1000000");
    }

    private static void key(DynamicPropertyRegistry registry, int i, String id, String secret, String institution,
                            String role) {
        String prefix = "balint.security.keys[" + i + "].";
        registry.add(prefix + "id", () -> id);
        registry.add(prefix + "sha256", () -> sha256(secret));
        if (institution != null) {
            registry.add(prefix + "institution", () -> institution);
        }
        registry.add(prefix + "role", () -> role);
    }

    /** As the command-side services create them: compaction for the key-usage topic included. */
    private static void createTopics() {
        TopicProvisioner.ensureTopics(new KafkaConnectionProperties(INFRA.kafkaBootstrap(), 3, (short) 1), Topics.ALL);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Publishes events as the services do: CloudEvents JSON on their topic, keyed as the topic says, with the
     * event's trace context in the envelope and a header when it has one.
     */
    static void publish(List<ConsumedEvent> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumedEvent e : events) {
                EventType type = EventCatalogue.forPayload(e.payload().getClass()).orElseThrow();
                String topic = type.topic().name();
                producer.send(CloudEventRecords.write(topic, type.topic().recordKey(e.aggregateId()),
                        CODEC.wrap(e.id(), "/balint-observatory/test", e.aggregateId(), e.time(), e.sequence(),
                                e.payload()).withTraceparent(e.traceparent())));
            }
            producer.flush();
        }
    }

    /** The end offset of every partition of the topics, as {@code topic-partition}. */
    static Map<String, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : Topics.RESEARCH) {
                for (PartitionInfo p : consumer.partitionsFor(topic.name())) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            Map<String, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions).forEach((tp, offset) -> ends.put(tp.topic() + "-" + tp.partition(), offset));
            return ends;
        }
    }

    record Answer(int status, JsonNode body) {
    }

    Answer get(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET(), key);
    }

    /**
     * Waits until the read models hold everything published so far (a school's live answer states their
     * position), then cuts a data release of them, as an administrator does before researchers look.
     */
    JsonNode releaseWhenCaughtUp() {
        caughtUp();
        Answer cut = post("/api/v1/analytics/admin/releases", ADMIN_KEY);
        org.assertj.core.api.Assertions.assertThat(cut.status()).as(String.valueOf(cut.body())).isEqualTo(201);
        return cut.body();
    }

    /** Waits until the read models hold everything published so far (a school's live answer states their position). */
    void caughtUp() {
        Map<String, Long> ends = endOffsets();
        org.awaitility.Awaitility.await().atMost(Patience.scaled(java.time.Duration.ofSeconds(60)))
                .pollInterval(java.time.Duration.ofMillis(200)).untilAsserted(() -> {
                    JsonNode position = get("/api/v1/analytics/overview", SCHOOL_KEY).body().path("logPosition");
                    ends.forEach((partition, end) -> org.assertj.core.api.Assertions
                            .assertThat(position.path(partition).asLong(0)).as(partition).isGreaterThanOrEqualTo(end));
                });
    }

    Answer post(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()), key);
    }

    private static Answer send(HttpRequest.Builder request, String key) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
