package org.balintobservatory.group.batch;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.group.GroupServiceTestSupport;
import org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backpressure on the batch endpoint against real Kafka: the stand-in for the analytics projection that the shared
 * test context watches (a consumer group with committed offsets, on a topic of its own) is made to lag by producing records it has not committed, and the
 * lag falls when it commits them. While it lags past the bound a batch is refused whole with 429, Retry-After and
 * problem details, and nothing of it is stored; single requests are taken meanwhile; once the lag falls the same
 * batch is taken.
 */
class BatchBackpressureIT extends GroupServiceTestSupport {

    private static final String TOPIC = PROJECTION_STAND_IN_TOPIC;
    /** The projection commits as the generation it writes, {@code <group>-g<n>}, never as the bare group. */
    private static final String STAND_IN_GENERATION = PROJECTION_STAND_IN + "-g1";
    /** More records than the bound, so that the lag is past it until the stand-in commits them. */
    private static final int BEHIND = MAX_PROJECTION_LAG + 15;
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private static Admin admin;

    @BeforeAll
    static void aProjectionThatIsBehind() throws Exception {
        String bootstrap = InfrastructureEndpoints.resolve().kafkaBootstrap();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < BEHIND; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "event " + i));
            }
            producer.flush();
        }
        commit(0);
    }

    /** Whatever the test did, the stand-in ends caught up, so that no later batch is held back. */
    @AfterAll
    static void close() throws Exception {
        try {
            commit(BEHIND);
        } finally {
            admin.close();
        }
    }

    @Test
    void aBatchIsRefusedWholeWhileTheProjectionLagsAndTakenOnceItCatchesUp() throws Exception {
        String body = line(op("registerProgramme", programme("prog-bp", TODAY.minusDays(20)))) + "\n"
                + line(op("formGroup", group("g-bp", "prog-bp", TODAY.minusDays(20)))) + "\n";

        HttpResponse<String> refused = sendBatch(body);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("type").asText()).endsWith("/projection-behind");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("retryAfterSeconds").asInt()).isEqualTo(3);
        assertThat(problem.path("detail").asText()).contains(BEHIND + " records behind");
        assertThat(lastSequence("prog-bp")).as("the refused batch's programme").isEmpty();
        assertThat(lastSequence("g-bp")).as("the refused batch's group").isEmpty();

        // A single request is not held back by a bulk load.
        assertThat(post("/api/v1/programmes", programme("prog-bp-single", TODAY.minusDays(20))).status())
                .isEqualTo(201);

        commit(BEHIND);
        await().atMost(Patience.scaled(Duration.ofSeconds(30))).pollInterval(Duration.ofMillis(100))
                .until(() -> sendBatch(body).statusCode() == 200);

        assertThat(lastSequence("prog-bp")).isPresent();
        assertThat(lastSequence("g-bp")).isPresent();
    }

    private HttpResponse<String> sendBatch(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/batch"))
                .header("Authorization", "Bearer " + SCHOOL_KEY)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The stand-in projection commits its position, as the analytics consumer does after writing read models. */
    private static void commit(long offset) throws Exception {
        admin.alterConsumerGroupOffsets(STAND_IN_GENERATION, Map.of(PARTITION, new OffsetAndMetadata(offset))).all().get();
    }

    private static Map<String, Object> op(String op, Map<String, Object> fields) {
        Map<String, Object> line = new HashMap<>(fields);
        line.put("op", op);
        return line;
    }
}
