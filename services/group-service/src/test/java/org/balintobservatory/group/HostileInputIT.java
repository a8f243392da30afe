package org.balintobservatory.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.VoidReason;
import net.jqwik.api.Arbitraries;
import org.balintobservatory.hostile.Endpoint;
import org.balintobservatory.hostile.FieldSpec;
import org.balintobservatory.hostile.HostileClient;
import org.balintobservatory.hostile.HostileRequest;
import org.balintobservatory.hostile.HostileRequests;
import org.balintobservatory.hostile.IdentifierCorpus;
import org.balintobservatory.hostile.Mutation;
import org.balintobservatory.hostile.Refusals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.balintobservatory.hostile.HostileClient.contentType;
import static org.balintobservatory.hostile.HostileClient.parse;

/**
 * Hostile input against every write endpoint of the group service: generated bad requests, and every
 * identifier-bearing participant id of {@link IdentifierCorpus} in every field that takes a participant id.
 * Each must be refused with problem details naming the field, and nothing may be stored.
 *
 * <p>The bad requests come from jqwik arbitraries ({@link HostileRequests}), drawn with a seeded random
 * inside this ordinary JUnit test rather than from a jqwik {@code @Property}: a property runs under jqwik's
 * own engine, which does not run Spring's test extension, and this test needs the running service shared
 * with the other integration tests.
 * The seed is fixed ({@link HostileRequests#DEFAULT_SEED}), so a failure replays as is;
 * {@code -Dhostile.seed=...} explores others (every failure message names the seed).
 */
class HostileInputIT extends GroupServiceTestSupport {

    /**
     * The flood's size when asked for ({@code -Phostile-full}, or {@code -Dhostile.requests=N}); the normal run
     * sends {@link HostileRequests#SHORT_RUN} and goes on until every endpoint has drawn every mutation kind.
     */
    private static final int FULL_RUN = 6_000;
    private static final long OVERSIZED = 300 * 1024;
    private static final String PROGRAMME = "fz-programme";
    private static final String GROUP = "fz-group";
    private static final String SESSION = "fz-session-1";
    private static boolean fixturesReady;

    @Autowired
    JdbcTemplate jdbc;

    private HostileClient client;

    @BeforeEach
    void fixtures() {
        client = client != null ? client : new HostileClient("http://localhost:" + port, path -> SCHOOL_KEY);
        if (fixturesReady) {
            return;
        }
        givenGroupWithMembers(PROGRAMME, GROUP, 60, "p-101", "p-102");
        Response held = post("/api/v1/groups/" + GROUP + "/sessions", session(SESSION, 10, 90));
        assertThat(held.status()).as(held.body().toString()).isEqualTo(201);
        fixturesReady = true;
    }

    @Test
    void generatedBadRequestsOfEveryKindAreRefusedWithProblemDetailsAndStoreNothing() {
        long seed = HostileRequests.seed();
        List<Endpoint> endpoints = endpoints();
        Refusals refusals = new Refusals();
        long eventsBefore = storedEvents();
        long requestsBefore = client.sent();
        long started = System.nanoTime();

        int planned = HostileRequests.requests(FULL_RUN);
        Map<String, Set<Mutation>> notDrawn;
        try (HostileRequests generator = new HostileRequests(seed, OVERSIZED)) {
            for (int i = 0; i < planned || (!generator.drewEveryKind(endpoints) && i < FULL_RUN); i++) {
                int which = i % (endpoints.size() + 1);
                if (which == endpoints.size()) {
                    sendBatch(generator, endpoints, refusals);
                } else {
                    client.send(generator.next(endpoints.get(which)), refusals);
                }
            }
            notDrawn = generator.notDrawn(endpoints);
            for (Endpoint endpoint : endpoints) {
                if (endpoint.hasBody()) {
                    client.send(generator.oversized(endpoint), refusals);
                }
            }
        }

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        long requests = client.sent() - requestsBefore;
        System.out.printf("group service hostile input: seed %d, %d HTTP requests in %d s, %d bad inputs judged "
                + "(each batch line on its own)%n%s%n", seed, requests, seconds, refusals.sent(), refusals.histogram());
        assertThat(refusals.failures()).as("answers that are not a problem-details refusal (seed " + seed + ")")
                .isEmpty();
        assertThat(requests).as("requests sent (seed " + seed + ")").isGreaterThanOrEqualTo(planned);
        assertThat(notDrawn).as("mutation kinds an endpoint was never sent (seed " + seed + ")").isEmpty();
        assertThat(storedEvents()).as("events stored by refused requests (seed " + seed + ")").isEqualTo(eventsBefore);
    }

    /**
     * The identifier corpus in every id and name field, each refused naming the field, and nothing stored. The
     * normal run sends each field a rotating share of the corpus that meets every kind
     * ({@link IdentifierCorpus#share}); the {@code hostile-full} profile sends every value to every field.
     */
    @Test
    void everyIdentifyingValueIsRefusedInEveryIdAndNameFieldNamingTheField() {
        List<IdentifierCorpus.Attempt> corpus = IdentifierCorpus.attempts();
        List<IdentifierCorpus.Attempt> idShaped = IdentifierCorpus.idShaped();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
        record Field(String name, List<IdentifierCorpus.Attempt> values, Function<String, HostileRequest> request) {
        }
        ObjectNode programme = JSON.valueToTree(programme("fz-id-programme", TODAY.minusDays(30)));
        ObjectNode group = JSON.valueToTree(group("fz-id-group", PROGRAMME, TODAY.minusDays(30)));
        ObjectNode designChange = JSON.createObjectNode().put("effectiveFrom", TODAY.minusDays(2).toString());
        designChange.set("design", JSON.valueToTree(design(12)));
        String groups = "/api/v1/groups/";
        List<Field> fields = List.of(
                new Field("programmeId", corpus, v -> json("POST", "/api/v1/programmes",
                        programme.deepCopy().put("programmeId", v), "programmeId")),
                new Field("name", corpus, v -> json("POST", "/api/v1/programmes",
                        programme.deepCopy().put("name", v), "name")),
                new Field("groupId", corpus, v -> json("POST", "/api/v1/groups", group.deepCopy().put("groupId", v),
                        "groupId")),
                new Field("group's programmeId", corpus, v -> json("POST", "/api/v1/groups",
                        group.deepCopy().put("programmeId", v), "programmeId")),
                new Field("sessionId", corpus, v -> json("POST", groups + GROUP + "/sessions",
                        session("fz-session-x", 3, 90).put("sessionId", v), "sessionId")),
                new Field("cases[0].caseId", corpus, v -> json("POST", groups + GROUP + "/sessions",
                        with(session("fz-session-x", 3, 90), "cases[0].caseId", v), "cases[0].caseId")),
                new Field("correctionId", corpus, v -> json("POST", groups + GROUP + "/sessions/" + SESSION
                        + "/corrections", correction().put("correctionId", v), "correctionId")),
                new Field("correction cases[0].caseId", corpus, v -> json("POST", groups + GROUP + "/sessions/"
                        + SESSION + "/corrections", with(correction(), "cases[0].caseId", v), "cases[0].caseId")),
                new Field("path groupId", idShaped, v -> json("POST", groups + encode(v) + "/design-changes",
                        designChange, "groupId")),
                new Field("path sessionId", idShaped, v -> json("POST", groups + GROUP + "/sessions/"
                        + encode(v) + "/corrections", correction(), "sessionId")));

        long eventsBefore = storedEvents();
        Map<String, Refusals> byField = new java.util.LinkedHashMap<>();
        List<String> wrongStatus = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            Field field = fields.get(f);
            Refusals refusals = byField.computeIfAbsent(field.name(), name -> new Refusals());
            for (IdentifierCorpus.Attempt attempt : IdentifierCorpus.share(field.values(), f)) {
                HostileRequest request = field.request().apply(attempt.value());
                HttpResponse<String> response = client.exchange(request);
                refusals.record(request, response.statusCode(), contentType(response), parse(response.body()));
                if (response.statusCode() != 400 && response.statusCode() != 422) {
                    wrongStatus.add(field.name() + " " + attempt.value() + ": " + response.statusCode());
                }
            }
        }
        Refusals batch = byField.computeIfAbsent("batch line groupId", f -> new Refusals());
        for (IdentifierCorpus.Attempt attempt : IdentifierCorpus.share(corpus, fields.size())) {
            ObjectNode line = JSON.createObjectNode().put("op", "enrol").put("groupId", attempt.value())
                    .put("participantId", "p-201").put("enrolledOn", TODAY.minusDays(5).toString());
            sendBatchLines(List.of(batchLine(Mutation.IDENTIFYING_ID, line.toString(), "groupId")), batch);
        }

        byField.forEach((field, refusals) -> System.out.printf("group service identifier guard, %s: %d sent, %s%n",
                field, refusals.sent(), refusals.histogram()));
        byField.forEach((field, refusals) -> assertThat(refusals.failures())
                .as("identifying values in %s not refused as they should be", field).isEmpty());
        assertThat(wrongStatus).as("refusals other than 400 or 422").isEmpty();
        assertThat(storedEvents()).as("events stored for identifying values").isEqualTo(eventsBefore);
    }

    @Test
    void ordinaryProgrammeNamesAreAccepted() {
        int n = 0;
        List<String> names = new java.util.ArrayList<>(IdentifierCorpus.ORDINARY_TEXTS);
        names.addAll(IdentifierCorpus.LEGITIMATE_PROGRAMME_NAMES);
        for (String name : names) {
            Map<String, Object> body = new java.util.HashMap<>(programme("fz-named-" + n++, TODAY.minusDays(30)));
            body.put("name", name);
            Response registered = post("/api/v1/programmes", body);
            assertThat(registered.status()).as(name + ": " + registered.body()).isEqualTo(201);
        }
    }

    @Test
    void noParticipantIdASchoolSendsReachesAnEventHoweverIdentifyingItIs() {
        List<String> ids = IdentifierCorpus.idShaped().stream().map(IdentifierCorpus.Attempt::value).toList();
        givenGroupWithMembers("fz-programme-pseudo", "fz-group-pseudo", 30);
        for (String id : ids) {
            Response enrolled = put("/api/v1/groups/fz-group-pseudo/members/" + encode(id),
                    Map.of("enrolledOn", TODAY.minusDays(20).toString()));
            assertThat(enrolled.status()).as(id + ": " + enrolled.body()).isEqualTo(200);
            assertThat(enrolled.body().path("participantId").asText()).as("the answer shows the school's id")
                    .isEqualTo(id);
        }
        List<String> attendees = ids.subList(0, 40);
        givenGroupWithMembers("fz-programme-pseudo2", "fz-group-pseudo2", 30, attendees.toArray(String[]::new));
        List<Map<String, Object>> attendance = attendees.stream().map(id -> attendance(id, "PRESENT")).toList();
        ObjectNode session = session("fz-ps-1", 5, 90);
        session.set("attendance", JSON.valueToTree(attendance));
        session.set("cases", JSON.valueToTree(List.of(Map.of("caseId", "c-ps-1", "presenterId", attendees.get(0),
                "themes", List.of("BOUNDARIES")))));
        Response held = post("/api/v1/groups/fz-group-pseudo2/sessions", session);
        assertThat(held.status()).as(held.body().toString()).isEqualTo(201);
        assertThat(held.body().path("cases").get(0).path("presenterId").asText()).isEqualTo(attendees.get(0));

        List<Object> payloads = new ArrayList<>();
        for (String group : List.of("fz-group-pseudo", "fz-group-pseudo2")) {
            eventStore.readEvents(INSTITUTION + "/" + group).asStream().forEach(e -> payloads.add(e.getPayload()));
        }
        String stored = payloads.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("\n"));
        List<String> leaked = ids.stream()
                .filter(id -> stored.contains("=" + id + ",") || stored.contains("=" + id + "]")).toList();
        assertThat(leaked).as("school ids stored in events").isEmpty();
        assertThat(stored).contains("participantId=" + pseudonym(ids.get(0)) + ",",
                "presenterId=" + pseudonym(attendees.get(0)) + ",");
        JsonNode members = get("/api/v1/groups/fz-group-pseudo").body().path("members");
        assertThat(members).isNotEmpty().allSatisfy(m -> assertThat(m.path("participantId").asText())
                .matches(org.balintobservatory.personaldata.PseudonymousIds.PSEUDONYM_FORMAT));
    }

    private List<Endpoint> endpoints() {
        String groups = "/api/v1/groups";
        List<FieldSpec> design = List.of(FieldSpec.object("design"),
                FieldSpec.integer("design.plannedSize", 2, 30),
                FieldSpec.enumOf("design.meetingFrequency", MeetingFrequency.class),
                FieldSpec.integer("design.sessionMinutes", 15, 480),
                FieldSpec.enumOf("design.format", SessionFormat.class),
                FieldSpec.object("design.facilitation"),
                FieldSpec.enumOf("design.facilitation.style", FacilitationStyle.class),
                FieldSpec.integer("design.facilitation.leaders", 1, 2),
                FieldSpec.list("design.facilitation.leaderBackgrounds"),
                FieldSpec.enumOf("design.facilitation.leaderBackgrounds[0]", LeaderBackground.class).optional(),
                FieldSpec.bool("design.facilitation.accreditedLeader"));
        List<FieldSpec> session = List.of(
                FieldSpec.pastDate("heldOn"),
                FieldSpec.integer("durationMinutes", 1, 480),
                FieldSpec.enumOf("format", SessionFormat.class),
                FieldSpec.integer("leadersPresent", 0, 2),
                FieldSpec.list("attendance"),
                FieldSpec.object("attendance[0]").optional(),
                FieldSpec.participantId("attendance[0].participantId"),
                FieldSpec.enumOf("attendance[0].status", AttendanceStatus.class),
                FieldSpec.participantId("attendance[1].participantId"),
                FieldSpec.list("cases").optional(),
                FieldSpec.object("cases[0]").optional(),
                FieldSpec.id("cases[0].caseId"),
                FieldSpec.participantId("cases[0].presenterId"),
                FieldSpec.list("cases[0].themes"),
                FieldSpec.enumOf("cases[0].themes[0]", CaseTheme.class).optional(),
                FieldSpec.integer("cases[0].emotionalIntensity", 1, 5).optional());
        FieldSpec groupId = FieldSpec.id("groupId");
        FieldSpec sessionId = FieldSpec.id("sessionId");

        ObjectNode programme = JSON.valueToTree(programme("fz-new-programme", TODAY.minusDays(30)));
        programme.put("endsOn", TODAY.plusDays(300).toString());
        ObjectNode designChange = JSON.createObjectNode().put("effectiveFrom", TODAY.minusDays(2).toString());
        designChange.set("design", JSON.valueToTree(design(12)));

        return List.of(
                Endpoint.withBody("POST", "/api/v1/programmes", Map.of(), List.of(), programme, List.of(
                        FieldSpec.id("programmeId"), FieldSpec.text("name", 200),
                        FieldSpec.enumOf("participantType", ParticipantType.class),
                        FieldSpec.enumOf("arm", Arm.class), FieldSpec.text("country", 2),
                        FieldSpec.date("startsOn"), FieldSpec.date("endsOn").optional())),
                Endpoint.withBody("POST", groups, Map.of(), List.of(),
                        JSON.valueToTree(group("fz-new-group", PROGRAMME, TODAY.minusDays(30))),
                        concat(List.of(FieldSpec.id("groupId"), FieldSpec.id("programmeId"),
                                FieldSpec.pastDate("formedOn")), design)),
                Endpoint.withBody("POST", groups + "/{groupId}/design-changes", Map.of("groupId", GROUP),
                        List.of(groupId), designChange, concat(List.of(FieldSpec.pastDate("effectiveFrom")), design)),
                Endpoint.withBody("PUT", groups + "/{groupId}/members/{participantId}",
                        Map.of("groupId", GROUP, "participantId", "p-103"),
                        List.of(groupId, FieldSpec.participantId("participantId")),
                        JSON.createObjectNode().put("enrolledOn", TODAY.minusDays(3).toString()),
                        List.of(FieldSpec.pastDate("enrolledOn"))),
                Endpoint.withoutBody("DELETE", groups + "/{groupId}/members/{participantId}",
                        Map.of("groupId", GROUP, "participantId", "p-102", "withdrewOn", TODAY.toString()),
                        List.of(groupId, FieldSpec.participantId("participantId"), FieldSpec.pastDate("withdrewOn"))),
                Endpoint.withBody("POST", groups + "/{groupId}/sessions", Map.of("groupId", GROUP), List.of(groupId),
                        session("fz-session-new", 2, 90), concat(List.of(FieldSpec.id("sessionId")), session)),
                Endpoint.withBody("POST", groups + "/{groupId}/sessions/{sessionId}/corrections",
                        Map.of("groupId", GROUP, "sessionId", SESSION), List.of(groupId, sessionId), correction(),
                        concat(List.of(FieldSpec.id("correctionId")), session)),
                Endpoint.withBody("POST", groups + "/{groupId}/sessions/{sessionId}/void",
                        Map.of("groupId", GROUP, "sessionId", SESSION), List.of(groupId, sessionId),
                        JSON.createObjectNode().put("reason", VoidReason.DUPLICATE_ENTRY.name()),
                        List.of(FieldSpec.enumOf("reason", VoidReason.class))));
    }

    /** One to three bad lines (bodies of the single endpoints, with their op and path ids) in one batch. */
    private void sendBatch(HostileRequests generator, List<Endpoint> endpoints, Refusals refusals) {
        int count = generator.draw(Arbitraries.integers().between(1, 3));
        List<Endpoint> withBody = endpoints.stream().filter(Endpoint::hasBody).toList();
        List<HostileRequest> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = generator.draw(Arbitraries.of(withBody));
            HostileRequest bad = generator.nextBody(endpoint);
            if (bad.json() == null) {
                String text = new String(bad.body(), StandardCharsets.UTF_8).replace('\n', ' ').replace('\r', ' ');
                lines.add(batchLine(bad.mutation(), text.isBlank() ? "#" : text, null));
                continue;
            }
            ObjectNode line = JSON.createObjectNode().put("op", op(endpoint));
            endpoint.parameters().forEach(line::put);
            line.setAll(bad.json());
            lines.add(batchLine(bad.mutation(), line.toString(), bad.expectedField()));
        }
        sendBatchLines(lines, refusals);
    }

    private static HostileRequest batchLine(Mutation mutation, String line, String field) {
        return new HostileRequest("batch line", mutation, "POST", "/api/v1/batch", "application/x-ndjson",
                line.getBytes(StandardCharsets.UTF_8), null, field);
    }

    private static String op(Endpoint endpoint) {
        String template = endpoint.template();
        if (template.endsWith("/programmes")) {
            return "registerProgramme";
        }
        if (template.endsWith("/groups")) {
            return "formGroup";
        }
        if (template.endsWith("/design-changes")) {
            return "changeDesign";
        }
        if (template.endsWith("/members/{participantId}")) {
            return "enrol";
        }
        if (template.endsWith("/corrections")) {
            return "correctSession";
        }
        if (template.endsWith("/void")) {
            return "voidSession";
        }
        return "recordSession";
    }

    private void sendBatchLines(List<HostileRequest> lines, Refusals refusals) {
        StringBuilder body = new StringBuilder();
        lines.forEach(line -> body.append(new String(line.body(), StandardCharsets.UTF_8)).append('\n'));
        HostileRequest request = new HostileRequest("POST /api/v1/batch", lines.get(0).mutation(), "POST",
                "/api/v1/batch", "application/x-ndjson", body.toString().getBytes(StandardCharsets.UTF_8), null, null);
        HttpResponse<String> response = client.exchange(request);
        if (response.statusCode() != 200) {
            refusals.record(request, response.statusCode(), contentType(response), parse(response.body()));
            return;
        }
        String[] results = response.body().split("\n");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode result = i < results.length ? parse(results[i]) : null;
            boolean refused = result != null && "refused".equals(result.path("outcome").asText());
            refusals.record(lines.get(i), refused ? result.path("status").asInt() : 200,
                    refused ? "application/problem+json" : "application/x-ndjson",
                    refused ? result.path("problem") : result);
        }
    }

    private long storedEvents() {
        Long count = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    private static ObjectNode session(String sessionId, int daysAgo, int minutes) {
        ObjectNode session = JSON.createObjectNode().put("sessionId", sessionId)
                .put("heldOn", TODAY.minusDays(daysAgo).toString()).put("durationMinutes", minutes)
                .put("format", "IN_PERSON").put("leadersPresent", 2);
        session.set("attendance", JSON.valueToTree(List.of(attendance("p-101", "PRESENT"),
                attendance("p-102", "PRESENT"))));
        session.set("cases", JSON.valueToTree(List.of(Map.of("caseId", "c-1", "presenterId", "p-101",
                "themes", List.of("END_OF_LIFE", "BOUNDARIES"), "emotionalIntensity", 3))));
        return session;
    }

    private static ObjectNode correction() {
        ObjectNode correction = session("unused", 10, 100);
        correction.remove("sessionId");
        return JSON.createObjectNode().put("correctionId", "fz-correction-1").setAll(correction);
    }

    private static HostileRequest json(String method, String path, ObjectNode body, String field) {
        return new HostileRequest(method + " " + path, Mutation.IDENTIFYING_ID, method, path, "application/json",
                body.toString().getBytes(StandardCharsets.UTF_8), body, field);
    }

    private static ObjectNode with(ObjectNode body, String path, String value) {
        int dot = path.indexOf('.');
        String list = path.substring(0, path.indexOf('['));
        int index = Integer.parseInt(path.substring(path.indexOf('[') + 1, path.indexOf(']')));
        ((ObjectNode) body.get(list).get(index)).put(path.substring(dot + 1), value);
        return body;
    }

    private static byte[] bytes(Object body) {
        return JSON.valueToTree(body).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
