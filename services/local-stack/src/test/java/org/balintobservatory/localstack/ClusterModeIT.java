package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode: two processes of every service on one PostgreSQL, Kafka and MongoDB, the gateway balancing
 * between them. A school's integration sends every request to both instances of its service at once (a
 * retry that lands on the other instance while the first attempt is still in flight), then once more
 * through the gateway after both answered; groups are loaded concurrently. Every attempt is accepted, every
 * command is in the event store once, the analytics count every session and attendance once, and the read
 * models both analytics instances built together equal, document by document, those one instance's
 * rebuild from the topics produces.
 *
 * <p>Its stack is its own (ports, data directory and processes), so it runs beside the classes that share the
 * other ({@code junit-platform.properties}): on two cores, much of their time is spent waiting for a
 * restarted part, a browser or a client.
 */
@Execution(ExecutionMode.CONCURRENT)
class ClusterModeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHOOL = ApiKeys.DEMO_INSTITUTION;
    private static final int GROUPS = 4;
    private static final int MEMBERS = 6;
    private static final int SESSIONS = 4;
    private static final long SEED = Long.getLong("balint.test.seed", 20261130L);
    private static final Pattern GENERATION = Pattern.compile(".+_g(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path data;

    @Test
    void twoInstancesOfEveryServiceAcceptEachCommandOnceAndBuildWhatOneInstanceRebuilds() throws Exception {
        try (ConfigurableApplicationContext context = start();
             MongoClient mongo = MongoClients.create(context.getBean(LocalStack.class).infrastructure().mongoUri())) {
            LocalStack stack = context.getBean(LocalStack.class);
            String gateway = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            Map<String, List<URI>> instances = stack.instanceUrls();
            assertThat(instances.get("group-service")).hasSize(2);
            assertThat(instances.get("analytics-service")).hasSize(2);
            String key = stack.keys().school();
            Sender group = new Sender(instances.get("group-service"), gateway, key);
            Sender survey = new Sender(instances.get("survey-service"), gateway, key);

            group.everywhere("POST", "/api/v1/programmes", """
                    {"programmeId":"cl-prog","name":"Cluster residents","participantType":"RESIDENT",
                     "arm":"INTERVENTION","country":"FR","startsOn":"2026-01-05"}""");
            Random random = new Random(SEED);
            int[][] present = new int[GROUPS][SESSIONS];
            for (int[] row : present) {
                for (int s = 0; s < SESSIONS; s++) {
                    row[s] = 3 + random.nextInt(MEMBERS - 2);
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(GROUPS);
            try {
                List<CompletableFuture<Void>> loads = new ArrayList<>();
                for (int g = 0; g < GROUPS; g++) {
                    int index = g;
                    loads.add(CompletableFuture.runAsync(() -> loadGroup(group, survey, index, present[index]), pool));
                }
                loads.forEach(CompletableFuture::join);
            } finally {
                pool.shutdownNow();
            }

            // Exactly once in the event store: one SessionHeldEvent per session, whatever reached which instance.
            assertThat(count(stack, "group_service", "%SessionHeldEvent", SCHOOL + "/cl-g%")).isEqualTo(GROUPS * SESSIONS);
            assertThat(count(stack, "group_service", "%ParticipantEnrolledEvent", SCHOOL + "/cl-g%"))
                    .isEqualTo(GROUPS * MEMBERS);
            assertThat(count(stack, "survey_service", "%SurveyCompletedEvent", SCHOOL + "/cl-r%"))
                    .isEqualTo(GROUPS * MEMBERS * 2);

            // The services answer once an event is stored; their publishers put it on Kafka after that. The read
            // models can only be asked for what is on the topics, so first wait until every stored event is there
            // (each once, by its CloudEvent id), then take the topics' ends as what the read models must reach.
            String bootstrap = stack.infrastructure().kafkaBootstrap();
            await().atMost(Patience.scaled(Duration.ofSeconds(120))).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Set<String>> published = publishedIds(bootstrap);
                assertThat(published.getOrDefault("org.balintobservatory.session-held.v1", Set.of()))
                        .hasSize(GROUPS * SESSIONS);
                assertThat(published.getOrDefault("org.balintobservatory.participant-enrolled.v2", Set.of()))
                        .hasSize(GROUPS * MEMBERS);
                assertThat(published.getOrDefault("org.balintobservatory.survey-completed.v2", Set.of()))
                        .hasSize(GROUPS * MEMBERS * 2);
            });

            // Exactly once in the read models, whichever analytics instance applied what.
            Map<String, Long> ends = endOffsets(bootstrap);
            await().atMost(Patience.scaled(Duration.ofSeconds(120))).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode at = get(gateway + "/api/v1/analytics/overview", key).path("logPosition");
                ends.forEach((partition, end) -> assertThat(at.path(partition).asLong(0)).as(partition)
                        .isGreaterThanOrEqualTo(end));
            });
            for (int g = 0; g < GROUPS; g++) {
                for (URI analytics : instances.get("analytics-service")) {
                    JsonNode summary = get(analytics + "/api/v1/analytics/groups/cl-g" + g, key);
                    assertThat(summary.path("sessionsHeld").asInt()).as("group %d at %s", g, analytics).isEqualTo(SESSIONS);
                    assertThat(summary.path("attendanceRecords").asInt()).isEqualTo(SESSIONS * MEMBERS);
                    assertThat(summary.path("present").asInt()).isEqualTo(IntStream.of(present[g]).sum());
                }
            }

            // What both instances built equals what one instance's rebuild from the topics builds.
            MongoDatabase readModels = mongo.getDatabase("balint_analytics");
            int before = activeGeneration(readModels);
            Map<String, Map<String, Object>> together = dump(readModels, before);
            String admin = stack.keys().admin();
            Answer started = send("POST", URI.create(gateway + "/api/v1/analytics/admin/replay"), admin, null);
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            Answer again = send("POST", URI.create(instances.get("analytics-service").get(1)
                    + "/api/v1/analytics/admin/replay"), admin, null);
            assertThat(again.status()).as("a second rebuild on the other instance: %s", again.body()).isEqualTo(409);
            await().atMost(Patience.scaled(Duration.ofSeconds(120))).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (URI analytics : instances.get("analytics-service")) {
                    assertThat(get(analytics + "/api/v1/analytics/admin/replay", admin).path("state").asText())
                            .as(analytics.toString()).isEqualTo("COMPLETED");
                }
            });
            assertThat(activeGeneration(readModels)).isEqualTo(before + 1);
            Map<String, Map<String, Object>> rebuilt = dump(readModels, before + 1);
            assertThat(rebuilt.get("unit_tables")).isNotEmpty();
            assertThat(rebuilt).isEqualTo(together);

            // Both instances follow the switch: a new session is counted in the new generation.
            group.everywhere("POST", "/api/v1/groups/cl-g0/sessions", session(0, "cl-g0-late", LocalDate.of(2026, 3, 2),
                    MEMBERS));
            await().atMost(Patience.scaled(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode summary = get(gateway + "/api/v1/analytics/groups/cl-g0", key);
                assertThat(summary.path("sessionsHeld").asInt()).isEqualTo(SESSIONS + 1);
                assertThat(summary.path("generation").asInt()).isEqualTo(before + 1);
            });
        }
    }

    private ConfigurableApplicationContext start() {
        return SharedStack.start(data, SharedStack.checkout(), "--local-stack.instances=2",
                "--local-stack.demo-data=false");
    }

    private static void loadGroup(Sender group, Sender survey, int g, int[] present) {
        String groupId = "cl-g" + g;
        group.everywhere("POST", "/api/v1/groups", """
                {"groupId":"%s","programmeId":"cl-prog","formedOn":"2026-01-05",
                 "design":{"plannedSize":8,"meetingFrequency":"WEEKLY","sessionMinutes":90,"format":"IN_PERSON",
                           "facilitation":{"style":"CLASSIC_BALINT","leaders":2,
                                           "leaderBackgrounds":["GP","PSYCHIATRIST"],"accreditedLeader":true}}}"""
                .formatted(groupId));
        for (int m = 0; m < MEMBERS; m++) {
            group.everywhere("PUT", "/api/v1/groups/" + groupId + "/members/" + member(g, m),
                    "{\"enrolledOn\":\"2026-01-05\"}");
        }
        for (int s = 0; s < SESSIONS; s++) {
            group.everywhere("POST", "/api/v1/groups/" + groupId + "/sessions",
                    session(g, groupId + "-s" + s, LocalDate.of(2026, 1, 12).plusWeeks(s), present[s]));
        }
        for (int m = 0; m < MEMBERS; m++) {
            for (String timepoint : List.of("BASELINE", "POST")) {
                boolean post = timepoint.equals("POST");
                survey.everywhere("POST", "/api/v1/survey-responses", """
                        {"responseId":"cl-r%d-%d-%s","participantId":"%s","programmeId":"cl-prog","groupId":"%s",
                         "instrument":"mbi-hss-style","timepoint":"%s","completedOn":"%s",
                         "scores":{"subscales":{"emotional-exhaustion":%d,"depersonalisation":%d,
                                                "personal-accomplishment":%d}}}""".formatted(g, m, timepoint,
                        member(g, m), groupId, timepoint, post ? "2026-03-30" : "2026-01-12", 15 + 2 * m + g, 5 + m,
                        30 + m + (post ? 3 : 0)));
            }
        }
    }

    private static String member(int g, int m) {
        return "p-" + g + "-" + m;
    }

    /** A session of group {@code g}'s {@value #MEMBERS} members, the first {@code present} of them present. */
    private static String session(int g, String sessionId, LocalDate heldOn, int present) {
        List<String> attendance = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            attendance.add("{\"participantId\":\"" + member(g, m) + "\",\"status\":\"" + (m < present ? "PRESENT" : "ABSENT")
                    + "\"}");
        }
        return """
                {"sessionId":"%s","heldOn":"%s","durationMinutes":90,"format":"IN_PERSON","leadersPresent":2,
                 "attendance":[%s]}""".formatted(sessionId, heldOn, String.join(",", attendance));
    }

    /** Sends each request to every instance at once, then through the gateway; every answer must be 2xx. */
    private final class Sender {

        private final List<URI> instances;
        private final String gateway;
        private final String key;

        Sender(List<URI> instances, String gateway, String key) {
            this.instances = instances;
            this.gateway = gateway;
            this.key = key;
        }

        void everywhere(String method, String path, String body) {
            List<CompletableFuture<Answer>> attempts = instances.stream()
                    .map(instance -> CompletableFuture.supplyAsync(() -> send(method, instance.resolve(path), key, body)))
                    .toList();
            for (CompletableFuture<Answer> attempt : attempts) {
                Answer answer = attempt.join();
                assertThat(answer.status()).as("%s %s: %s", method, path, answer.body()).isBetween(200, 299);
            }
            Answer retry = send(method, URI.create(gateway + path), key, body);
            assertThat(retry.status()).as("retry of %s %s: %s", method, path, retry.body()).isBetween(200, 299);
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer send(String method, URI uri, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        }
    }

    private JsonNode get(String url, String key) throws Exception {
        Answer answer = send("GET", URI.create(url), key, null);
        assertThat(answer.status()).as("GET %s: %s", url, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static long count(LocalStack stack, String database, String payloadType, String aggregates)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.infrastructure().jdbcUrl(database), "postgres", "");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ? AND aggregateidentifier LIKE ?")) {
            query.setString(1, payloadType);
            query.setString(2, aggregates);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Map<String, Long> endOffsets(String bootstrap) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = researchPartitions(consumer);
            Map<String, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions).forEach((tp, offset) -> ends.put(tp.topic() + "-" + tp.partition(), offset));
            return ends;
        }
    }

    /** The CloudEvent ids on the research topics, by CloudEvent type: what the publishers have sent so far. */
    private static Map<String, Set<String>> publishedIds(String bootstrap) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = researchPartitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<String, Set<String>> ids = new TreeMap<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = JSON.readTree(record.value());
                    ids.computeIfAbsent(event.path("type").asText(), t -> new HashSet<>()).add(event.path("id").asText());
                }
            }
            return ids;
        }
    }

    private static List<TopicPartition> researchPartitions(KafkaConsumer<?, ?> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : Topics.RESEARCH) {
            for (PartitionInfo p : consumer.partitionsFor(topic.name())) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        return partitions;
    }

    private static int activeGeneration(MongoDatabase db) {
        Document active = db.getCollection("analytics_meta").find(new Document("_id", "active-generation")).first();
        return active == null ? 1 : active.getInteger("generation");
    }

    /**
     * Every read-model collection of a generation, by name without the suffix, each document without its write
     * version (which counts how the events were batched); doubles to 10 significant digits, since moments
     * summed in another order differ in the last bits.
     */
    private static Map<String, Map<String, Object>> dump(MongoDatabase db, int generation) {
        Map<String, Map<String, Object>> dump = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            Matcher m = GENERATION.matcher(name);
            if (!m.matches() || name.startsWith("release_") || Integer.parseInt(m.group(1)) != generation) {
                continue;
            }
            Map<String, Object> docs = new TreeMap<>();
            db.getCollection(name).find().forEach(d -> {
                Document copy = new Document(d);
                copy.remove("_v");
                docs.put(String.valueOf(d.get("_id")), normalise(copy));
            });
            dump.put(name.substring(0, name.lastIndexOf("_g")), docs);
        }
        return dump;
    }

    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> n = new TreeMap<>();
            map.forEach((k, v) -> n.put(String.valueOf(k), normalise(v)));
            return n;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ClusterModeIT::normalise).toList();
        }
        if (value instanceof Double d) {
            return Math.abs(d) < 1e-9 ? "0" : new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Integer || value instanceof Long) {
            return new BigDecimal(((Number) value).longValue()).toPlainString();
        }
        return value;
    }
}
