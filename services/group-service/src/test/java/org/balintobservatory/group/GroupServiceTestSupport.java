package org.balintobservatory.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.access.ApiKeys;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.balintobservatory.support.jdbc.JdbcWorkConfiguration;
import org.balintobservatory.support.pseudonym.Pseudonyms;
import org.balintobservatory.support.tracing.RecordedSpans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * One running group service for every integration test class: real PostgreSQL and Kafka (from
 * {@link InfrastructureEndpoints}), the HTTP API on a random port, a plain Kafka consumer reading
 * the group topic, and the JDBC work of every request counted ({@link JdbcWorkConfiguration}). Each JVM run
 * writes under its own institution, so runs never see each other's data. Tracing is on as in production (Spring
 * Boot's tests switch it off unless asked), with the spans of the traces a test watches kept in
 * {@link RecordedSpans}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(metrics = false)
@Import({JdbcWorkConfiguration.class, RecordedSpans.class})
public abstract class GroupServiceTestSupport {

    protected static final String INSTITUTION = "school-" + InfrastructureEndpoints.runTag();
    protected static final String SCHOOL_KEY = "bo_test_school_" + UUID.randomUUID();
    protected static final String RESEARCHER_KEY = "bo_test_researcher_" + UUID.randomUUID();
    protected static final String ADMIN_KEY = "bo_test_admin_" + UUID.randomUUID();
    protected static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    protected static final String PSEUDONYM_SECRET = "group-service-test-secret-" + UUID.randomUUID();
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms(PSEUDONYM_SECRET);
    /**
     * Backpressure is on, watching a stand-in for the analytics projection: a consumer group and topic of this run's
     * own, which only {@code BatchBackpressureIT} makes lag; until it commits, the lag is unknown and every batch is
     * taken. In the shared context, so that no second context publishes from the same event store.
     */
    protected static final String PROJECTION_STAND_IN = "group-service-it-projection-" + InfrastructureEndpoints.runTag();
    protected static final String PROJECTION_STAND_IN_TOPIC = PROJECTION_STAND_IN;
    protected static final int MAX_PROJECTION_LAG = 10;

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<ConsumerRecord<String, byte[]>> consumed = new ArrayList<>();

    @LocalServerPort
    protected int port;

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected RecordedSpans spans;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureEndpoints endpoints = InfrastructureEndpoints.resolve();
        registry.add("spring.datasource.url", () -> endpoints.postgresUrlForSchema("group_service"));
        registry.add("spring.datasource.username", endpoints::postgresUser);
        registry.add("spring.datasource.password", endpoints::postgresPassword);
        registry.add("kafka.bootstrap-servers", endpoints::kafkaBootstrap);
        registry.add("balint.security.keys[0].id", () -> "test-school");
        registry.add("balint.security.keys[0].sha256", () -> ApiKeys.sha256(SCHOOL_KEY));
        registry.add("balint.security.keys[0].institution", () -> INSTITUTION);
        registry.add("balint.security.keys[0].role", () -> "SCHOOL");
        registry.add("balint.security.keys[1].id", () -> "test-researcher");
        registry.add("balint.security.keys[1].sha256", () -> ApiKeys.sha256(RESEARCHER_KEY));
        registry.add("balint.security.keys[1].role", () -> "RESEARCHER");
        registry.add("balint.security.keys[2].id", () -> "test-admin");
        registry.add("balint.security.keys[2].sha256", () -> ApiKeys.sha256(ADMIN_KEY));
        registry.add("balint.security.keys[2].role", () -> "ADMIN");
        registry.add("balint.batch.max-body", () -> "1MB");
        // Lines share transactions by count alone, so what a test counts does not depend on the machine's speed
        // (the time limit of a shared transaction has its own test, BatchRunnerTest).
        registry.add("balint.batch.transaction-time", () -> "30s");
        registry.add("balint.pseudonyms.secret", () -> PSEUDONYM_SECRET);
        registry.add("balint.batch.backpressure.enabled", () -> "true");
        registry.add("balint.batch.backpressure.consumer-group", () -> PROJECTION_STAND_IN);
        registry.add("balint.batch.backpressure.topics", () -> PROJECTION_STAND_IN_TOPIC);
        registry.add("balint.batch.backpressure.max-lag", () -> String.valueOf(MAX_PROJECTION_LAG));
        registry.add("balint.batch.backpressure.retry-after", () -> "3s");
        // Every batch reads the lag afresh, so BatchBackpressureIT waits for the lag, not for a cached reading.
        registry.add("balint.batch.backpressure.refresh", () -> "0s");
        // The hostile-input test sends thousands of requests with one key; the rate limit is tested on its own.
        registry.add("balint.access.requests-per-second", () -> "1000000");
        registry.add("balint.access.burst", () -> "1000000");
        // Spans reach RecordedSpans a tenth of a second after they end, not Boot's five seconds.
        registry.add("management.tracing.opentelemetry.export.schedule-delay", () -> "100ms");
    }

    /** The pseudonym the test school's participant id is stored and published under. */
    protected static String pseudonym(String participantId) {
        return PSEUDONYMS.of(INSTITUTION, participantId);
    }

    @BeforeAll
    static void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InfrastructureEndpoints.resolve().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "group-service-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.GROUP_EVENTS.name()));
    }

    @AfterAll
    static void unsubscribe() {
        consumer.close();
        consumed.clear();
    }

    /** The records published for one aggregate so far, once at least {@code count} have arrived, in order. */
    protected static List<ConsumerRecord<String, byte[]>> awaitRecords(String key, int count) {
        await().atMost(Patience.scaled(Duration.ofSeconds(90))).pollInterval(Duration.ofMillis(200)).until(() -> {
            consumer.poll(Duration.ofMillis(500)).forEach(consumed::add);
            return recordsFor(key).size() >= count;
        });
        return recordsFor(key);
    }

    private static List<ConsumerRecord<String, byte[]>> recordsFor(String key) {
        // Records are keyed by institution; the aggregate is the CloudEvent's subject.
        return consumed.stream().filter(r -> key.equals(cloudEvent(r).subject())).toList();
    }

    /** The event as the consumers read it, through the Kafka binding. */
    protected static CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) {
        return CloudEventRecords.read(record);
    }

    protected static String aggregate(String localId) {
        return INSTITUTION + "/" + localId;
    }

    protected Optional<Long> lastSequence(String localId) {
        return eventStore.lastSequenceNumberFor(aggregate(localId));
    }

    protected record Response(int status, String contentType, JsonNode body) {

        public JsonNode firstError() {
            return body.path("errors").path(0);
        }
    }

    protected Response post(String path, Object body) {
        return send("POST", path, body, SCHOOL_KEY, "application/json");
    }

    protected Response put(String path, Object body) {
        return send("PUT", path, body, SCHOOL_KEY, "application/json");
    }

    protected Response delete(String path) {
        return send("DELETE", path, null, SCHOOL_KEY, "application/json");
    }

    protected Response get(String path) {
        return send("GET", path, null, SCHOOL_KEY, "application/json");
    }

    /** Sends NDJSON lines to {@code POST /api/v1/batch} with the school's key. */
    protected Response batch(String body) {
        return send("POST", "/api/v1/batch", body, SCHOOL_KEY, "application/x-ndjson");
    }

    /** One batch line: the fields as a JSON object. */
    protected static String line(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An NDJSON answer (a batch's or an upload's), one node per line. */
    protected static List<JsonNode> ndjson(Response response) {
        return response.body().asText().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    protected Response send(String method, String path, Object body, String key, String contentType) {
        return send(method, path, body, key, contentType, Map.of());
    }

    protected Response send(String method, String path, Object body, String key, String contentType,
                            Map<String, String> headers) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofMinutes(5))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", contentType);
            }
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String responseType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = response.body().isBlank() || responseType.contains("ndjson")
                    ? JSON.getNodeFactory().textNode(response.body())
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), responseType, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static Map<String, Object> programme(String programmeId, LocalDate startsOn) {
        return Map.of("programmeId", programmeId, "name", "Balint groups for residents",
                "participantType", "RESIDENT", "arm", "INTERVENTION", "country", "FR", "startsOn", startsOn.toString());
    }

    protected static Map<String, Object> design(int plannedSize) {
        return Map.of("plannedSize", plannedSize, "meetingFrequency", "FORTNIGHTLY", "sessionMinutes", 90,
                "format", "IN_PERSON", "facilitation", Map.of("style", "CLASSIC_BALINT", "leaders", 2,
                        "leaderBackgrounds", List.of("GP", "PSYCHIATRIST"), "accreditedLeader", true));
    }

    protected static Map<String, Object> group(String groupId, String programmeId, LocalDate formedOn) {
        return Map.of("groupId", groupId, "programmeId", programmeId, "design", design(10),
                "formedOn", formedOn.toString());
    }

    protected static Map<String, Object> attendance(String participantId, String status) {
        return Map.of("participantId", participantId, "status", status);
    }

    /** Forms a group in a fresh programme and enrols the members, all {@code daysAgo} days back. */
    protected void givenGroupWithMembers(String programmeId, String groupId, int daysAgo, String... members) {
        LocalDate start = TODAY.minusDays(daysAgo);
        requireStatus(post("/api/v1/programmes", programme(programmeId, start)), 201);
        requireStatus(post("/api/v1/groups", group(groupId, programmeId, start)), 201);
        for (String member : members) {
            requireStatus(put("/api/v1/groups/" + groupId + "/members/" + member,
                    Map.of("enrolledOn", start.toString())), 200);
        }
    }

    private static void requireStatus(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("setup request answered " + response.status() + ": " + response.body());
        }
    }
}
