package org.balintobservatory.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints;
import org.balintobservatory.support.access.ApiKeys;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.balintobservatory.support.jdbc.JdbcWorkConfiguration;
import org.balintobservatory.support.pseudonym.Pseudonyms;
import org.balintobservatory.support.publishing.KafkaConnectionProperties;
import org.balintobservatory.support.publishing.TopicProvisioner;
import org.junit.jupiter.api.BeforeAll;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running survey service for every integration test class, on a real PostgreSQL server and a real
 * Kafka broker, with a key per role, counting the JDBC work of every request ({@link JdbcWorkConfiguration}). Every run uses fresh institution ids, so the tests also pass against
 * long-lived servers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // A property here, not in the dynamic ones below, so that a test class can set its own wait.
        properties = "balint.survey.units.wait-for-unknown=3s")
@Import(JdbcWorkConfiguration.class)
public abstract class SurveyServiceTestSupport {

    protected static final String RUN = InfrastructureEndpoints.runTag();
    protected static final String SCHOOL = "uni-" + RUN;
    protected static final String OTHER_SCHOOL = "other-" + RUN;
    protected static final String SCHOOL_KEY = "school-secret-" + RUN;
    protected static final String OTHER_SCHOOL_KEY = "other-school-secret-" + RUN;
    protected static final String ADMIN_KEY = "admin-secret-" + RUN;
    protected static final String RESEARCHER_KEY = "researcher-secret-" + RUN;
    protected static final LocalDate COMPLETED_ON = LocalDate.of(2026, 1, 12);
    protected static final String PSEUDONYM_SECRET = "survey-service-test-secret-" + RUN + RUN + RUN;
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms(PSEUDONYM_SECRET);
    /** The programme and group every test school registered with the group service. */
    protected static final String PROGRAMME = "gp-2026";
    protected static final String GROUP = "g-tuesday";
    private static boolean unitsPublished;

    protected static final ObjectMapper JSON = new CloudEventCodec().mapper();

    protected final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureEndpoints endpoints = InfrastructureEndpoints.resolve();
        registry.add("spring.datasource.url", () -> endpoints.postgresUrlForSchema("survey_service"));
        registry.add("spring.datasource.username", endpoints::postgresUser);
        registry.add("spring.datasource.password", endpoints::postgresPassword);
        registry.add("kafka.bootstrap-servers", endpoints::kafkaBootstrap);
        key(registry, 0, "school", SCHOOL_KEY, SCHOOL, "SCHOOL");
        key(registry, 1, "other-school", OTHER_SCHOOL_KEY, OTHER_SCHOOL, "SCHOOL");
        key(registry, 2, "admin", ADMIN_KEY, null, "ADMIN");
        key(registry, 3, "researcher", RESEARCHER_KEY, null, "RESEARCHER");
        registry.add("balint.pseudonyms.secret", () -> PSEUDONYM_SECRET);
        // Lines share transactions by count alone, so what a test counts does not depend on the machine's speed.
        registry.add("balint.batch.transaction-time", () -> "30s");
        registry.add("balint.survey.units.consumer-group", () -> "survey-service-it-" + RUN);
        // The hostile-input test sends thousands of requests with one key; the rate limit is tested on its own.
        registry.add("balint.access.requests-per-second", () -> "1000000");
        registry.add("balint.access.burst", () -> "1000000");
        // The stand-in REDCap server listens on this machine, over http.
        registry.add("balint.redcap.allow-internal-addresses", () -> "true");
    }

    private static void key(DynamicPropertyRegistry registry, int i, String id, String secret, String institution,
                            String role) {
        String prefix = "balint.security.keys[" + i + "].";
        registry.add(prefix + "id", () -> id);
        registry.add(prefix + "sha256", () -> ApiKeys.sha256(secret));
        if (institution != null) {
            registry.add(prefix + "institution", () -> institution);
        }
        registry.add(prefix + "role", () -> role);
    }

    /** The pseudonym a school's participant id is stored and published under. */
    protected static String pseudonym(String institution, String participantId) {
        return PSEUDONYMS.of(institution, participantId);
    }

    /**
     * Publishes, as the group service would, the programme and group the tests' responses name, for both test
     * schools, and programme {@code other-only} with group {@code g-other} for the other school alone.
     */
    @BeforeAll
    static void publishProgrammesAndGroups() {
        if (unitsPublished) {
            return;
        }
        GroupDesign design = new GroupDesign(8, MeetingFrequency.FORTNIGHTLY, 90, SessionFormat.IN_PERSON,
                new Facilitation(FacilitationStyle.CLASSIC_BALINT, 1, List.of(LeaderBackground.GP), true));
        LocalDate start = LocalDate.of(2025, 9, 1);
        List<Object> events = new ArrayList<>();
        for (String school : List.of(SCHOOL, OTHER_SCHOOL)) {
            events.add(new ProgrammeRegisteredEvent(school, PROGRAMME, "Balint groups for GP trainees 2026",
                    ParticipantType.RESIDENT, Arm.INTERVENTION, "FR", start, null));
            events.add(new GroupFormedEvent(school, GROUP, PROGRAMME, design, start));
        }
        events.add(new ProgrammeRegisteredEvent(OTHER_SCHOOL, "other-only", "Another school's programme",
                ParticipantType.RESIDENT, Arm.INTERVENTION, "DE", start, null));
        events.add(new GroupFormedEvent(OTHER_SCHOOL, "g-other", "other-only", design, start));
        publish(events);
        unitsPublished = true;
    }

    /** Publishes programme-registered and group-formed events on the group topic, as the group service would. */
    protected static void publish(List<Object> events) {
        CloudEventCodec codec = new CloudEventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InfrastructureEndpoints.resolve().kafkaBootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            TopicProvisioner.ensureTopics(new KafkaConnectionProperties(
                    InfrastructureEndpoints.resolve().kafkaBootstrap(), 3, (short) 1), List.of(Topics.GROUP_EVENTS));
            for (Object event : events) {
                String subject = event instanceof GroupFormedEvent g ? g.institutionId() + "/" + g.groupId()
                        : ((ProgrammeRegisteredEvent) event).institutionId() + "/"
                        + ((ProgrammeRegisteredEvent) event).programmeId();
                CloudEvent value = codec.wrap(UUID.randomUUID().toString(), "/survey-service-tests",
                        subject, java.time.Instant.now(), 0L, event);
                producer.send(CloudEventRecords.write(Topics.GROUP_EVENTS.name(),
                        Topics.GROUP_EVENTS.recordKey(subject), value)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the test programmes", e);
        }
    }

    protected static Map<String, Object> submission(String responseId, String participantId, String instrument,
                                                  Timepoint timepoint, Map<String, Integer> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("responseId", responseId);
        body.put("participantId", participantId);
        body.put("programmeId", "gp-2026");
        body.put("instrument", instrument);
        body.put("timepoint", timepoint.name());
        body.put("completedOn", COMPLETED_ON.toString());
        body.put("items", items);
        return body;
    }

    protected static ObjectNode customKey(String id, int reverseItem) {
        ObjectNode key = JSON.createObjectNode();
        key.put("id", id);
        key.put("name", "Wellbeing check (4 items, 1–5)");
        key.put("itemCount", 4);
        key.putObject("responseRange").put("min", 1).put("max", 5);
        key.putArray("reverseItems").add(reverseItem);
        ObjectNode scale = key.putArray("scales").addObject();
        scale.put("id", "total");
        scale.put("name", "Wellbeing");
        scale.putArray("items").add(1).add(2).add(3).add(4);
        scale.put("rule", "MEAN");
        scale.put("direction", "HIGHER_IS_BETTER");
        scale.putObject("range").put("min", 1).put("max", 5);
        key.putObject("missingData").put("method", "PRORATE").put("maxMissingFraction", 0.25);
        key.put("source", "An institution's own four-item check-in, not a published instrument");
        return key;
    }

    protected static Map<String, Integer> allItems(int count, int value) {
        Map<String, Integer> items = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            items.put(String.valueOf(i), value);
        }
        return items;
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String key, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    protected static JsonNode created(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    protected static JsonNode assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://balintobservatory.org/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    /** The results of a batch answer, one JSON object per NDJSON line. */
    protected static List<JsonNode> ndjson(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/x-ndjson"));
        List<JsonNode> results = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            results.add(JSON.readTree(line));
        }
        return results;
    }

    protected static List<String> fieldsAndRules(JsonNode problem) {
        List<String> errors = new ArrayList<>();
        problem.get("errors").forEach(e -> errors.add(e.get("field").asText() + " " + e.get("rule").asText()));
        return errors;
    }
}
