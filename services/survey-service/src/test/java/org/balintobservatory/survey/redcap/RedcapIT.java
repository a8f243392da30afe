package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.access.KeylessAnswers;
import org.balintobservatory.survey.SurveyServiceTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A school's REDCap project, served by a stand-in that answers as REDCap's API documentation shows, reaches
 * the same stored responses as the JSON API: pulled, pulled again without change, changed in REDCap and
 * corrected, and pushed by the Data Entry Trigger, which is accepted only for the connected project.
 */
class RedcapIT extends SurveyServiceTestSupport {

    private static StandInRedcap redcap;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    @BeforeAll
    static void startRedcap() throws Exception {
        redcap = new StandInRedcap();
    }

    @AfterAll
    static void stopRedcap() {
        redcap.close();
    }

    private static Map<String, String> row(String record, String event, String complete, int item7) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("record_id", record);
        row.put("redcap_event_name", event);
        row.put("pss_date", "2026-01-12");
        for (int i = 1; i <= 10; i++) {
            row.put("pss_" + i, String.valueOf(i == 7 ? item7 : 2));
        }
        row.put("pss_complete", complete);
        return row;
    }

    private Map<String, Object> connection(String token, int projectId) {
        return connection(redcap, token, projectId);
    }

    private Map<String, Object> connection(StandInRedcap server, String token, int projectId) {
        Map<String, String> items = new LinkedHashMap<>();
        for (int i = 1; i <= 10; i++) {
            items.put(String.valueOf(i), "pss_" + i);
        }
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("baseUrl", server.baseUrl() + "/");
        mapping.put("projectId", projectId);
        mapping.put("redcapInstrument", "pss");
        mapping.put("instrument", "pss-10-style");
        mapping.put("programmeId", PROGRAMME);
        mapping.put("recordIdField", "record_id");
        mapping.put("completedOnField", "pss_date");
        mapping.put("items", items);
        mapping.put("events", Map.of("baseline_arm_1", "BASELINE", "post_arm_1", "POST"));
        return Map.of("token", token, "mapping", mapping);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/survey-service/redcap" + path))
                .header("Authorization", "Bearer " + SCHOOL_KEY).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> trigger(String projectId, String url, String record) throws Exception {
        return trigger(SCHOOL, projectId, url, record, "pss");
    }

    private HttpResponse<String> trigger(String institution, String projectId, String url, String record,
                                         String instrument) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/survey-service/redcap/trigger/" + institution))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(triggerForm(projectId, url, record, instrument))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The form REDCap's Data Entry Trigger posts when a form of a record is saved. */
    private static String triggerForm(String projectId, String url, String record, String instrument) {
        return "redcap_url=" + url + "&project_url=" + url + "/redcap_v14.0.0/index.php%3Fpid%3D" + projectId
                + "&project_id=" + projectId + "&username=coordinator&record=" + record
                + "&redcap_event_name=baseline_arm_1&instrument=" + instrument + "&" + instrument + "_complete=2";
    }

    /**
     * Every route of the survey service that takes no key, as the handler mapping reports them, answers
     * nothing of a participant. The Data Entry Trigger is the one that touches records: it is given a record
     * the stand-in holds, under a project of its own, so the scan sees what it does with real data.
     */
    @Test
    void noKeylessRouteAnswersAParticipantsData() throws Exception {
        String trigger = "POST /api/v1/survey-service/redcap/trigger/{institutionId}";
        String responseId = RedcapImport.responseId(77, "rec-canary", "baseline_arm_1", "", "");
        // A server of its own, so the other tests' pulls do not see this record.
        try (StandInRedcap own = new StandInRedcap()) {
            own.save(row("rec-canary", "baseline_arm_1", "2", 3));
            HttpResponse<String> connected = send("PUT", "/connection", "application/json",
                    JSON.writeValueAsString(connection(own, StandInRedcap.TOKEN, 77)));
            assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);

            assertThat(KeylessAnswers.keylessRoutes(handlers)).as("the trigger is found as keyless").contains(trigger);
            assertThat(KeylessAnswers.violations(handlers, "http://localhost:" + port,
                    Map.of(trigger, new KeylessAnswers.Call("/api/v1/survey-service/redcap/trigger/" + SCHOOL,
                            "application/x-www-form-urlencoded", triggerForm("77", own.baseUrl(), "rec-canary", "pss"))),
                    Set.of("rec-canary", pseudonym(SCHOOL, "rec-canary"), responseId))).isEmpty();
            assertThat(own.requests).as("the trigger's valid call reached the record")
                    .anySatisfy(request -> assertThat(request).containsEntry("records[0]", "rec-canary"));
        }
        ok(get("/api/v1/survey-responses/" + responseId, SCHOOL_KEY));
    }

    @Test
    void aProjectIsPulledCorrectedAndTriggeredIntoTheSameResponsesAsTheJsonApi() throws Exception {
        redcap.save(row("101", "baseline_arm_1", "2", 1));
        redcap.save(row("101", "post_arm_1", "2", 3));
        redcap.save(row("102", "baseline_arm_1", "0", 1));
        Map<String, String> repeat = row("103", "baseline_arm_1", "2", 1);
        repeat.put("redcap_repeat_instrument", "adverse_events");
        repeat.put("redcap_repeat_instance", "1");
        redcap.save(repeat);

        HttpResponse<String> connected = send("PUT", "/connection", "application/json",
                JSON.writeValueAsString(connection(StandInRedcap.TOKEN, 42)));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(connected.body()).doesNotContain(StandInRedcap.TOKEN).contains("\"tokenStored\":true");
        String stored = jdbc.queryForObject("select token from survey_redcap_connection where institution_id = ?",
                String.class, SCHOOL);
        assertThat(stored).as("stored encrypted").doesNotContain(StandInRedcap.TOKEN).isNotEmpty();

        List<JsonNode> pulled = ndjson(send("POST", "/pull", "application/json", "{}"));
        assertThat(pulled).as("the completed questionnaires only, one per event").hasSize(2);
        assertThat(pulled).extracting(r -> r.get("outcome").asText()).containsOnly("appended");
        assertThat(redcap.requests.get(redcap.requests.size() - 1)).containsEntry("content", "record")
                .containsEntry("type", "flat").containsEntry("fields[0]", "record_id");

        String baseline = RedcapImport.responseId(42, "101", "baseline_arm_1", "", "");
        JsonNode fromRedcap = ok(get("/api/v1/survey-responses/" + baseline, SCHOOL_KEY));
        Map<String, Integer> items = new HashMap<>();
        for (int i = 1; i <= 10; i++) {
            items.put(String.valueOf(i), i == 7 ? 1 : 2);
        }
        JsonNode viaJson = created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-redcap-json", "p-redcap-json", "pss-10-style", Timepoint.BASELINE, items)));
        assertThat(fromRedcap.get("scores")).isEqualTo(viaJson.get("scores"));
        assertThat(fromRedcap.get("participantId").asText()).isEqualTo(pseudonym(SCHOOL, "101"));

        assertThat(ndjson(send("POST", "/pull?full=true", "application/json", "{}")))
                .extracting(r -> r.get("outcome").asText()).containsOnly("unchanged");

        redcap.save(row("101", "baseline_arm_1", "2", 4));
        List<JsonNode> changed = ndjson(send("POST", "/pull", "application/json", "{}"));
        assertThat(changed).filteredOn(r -> r.get("id").asText().equals(baseline))
                .extracting(r -> r.get("outcome").asText()).containsExactly("appended");
        assertThat(redcap.requests.get(redcap.requests.size() - 1)).containsKey("dateRangeBegin");
        assertThat(ok(get("/api/v1/survey-responses/" + baseline, SCHOOL_KEY)).get("corrections").asInt()).isOne();
        assertThat(ndjson(send("POST", "/pull?full=true", "application/json", "{}")))
                .extracting(r -> r.get("outcome").asText()).containsOnly("unchanged");

        redcap.save(row("104", "baseline_arm_1", "2", 1));
        HttpResponse<String> pushed = trigger("42", redcap.baseUrl(), "104");
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(204);
        assertThat(pushed.body()).as("a caller without a key is answered nothing of the record").isEmpty();
        assertThat(redcap.requests.get(redcap.requests.size() - 1)).containsEntry("records[0]", "104");
        ok(get("/api/v1/survey-responses/" + RedcapImport.responseId(42, "104", "baseline_arm_1", "", ""), SCHOOL_KEY));
        JsonNode lastTrigger = ok(send("GET", "/connection", "application/json", "")).get("lastTrigger");
        assertThat(lastTrigger.get("appended").asInt()).as(lastTrigger.toString()).isOne();
        assertThat(lastTrigger.fieldNames()).toIterable().as("counts, never the record")
                .containsOnly("at", "appended", "unchanged", "refused");

        HttpResponse<String> otherForm = trigger(SCHOOL, "42", redcap.baseUrl(), "104", "adverse_events");
        assertThat(otherForm.statusCode()).as(otherForm.body()).isEqualTo(204);
        assertThat(otherForm.body()).isEmpty();

        assertProblem(trigger("43", redcap.baseUrl(), "104"), 403, "forbidden");
        assertProblem(trigger("42", "https://redcap.elsewhere.example", "104"), 403, "forbidden");
    }

    /** A school that stops using REDCap removes the token it gave, and the trigger is refused from then on. */
    @Test
    void aSchoolDeletesItsConnectionWithItsToken() throws Exception {
        HttpResponse<String> connected = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-service/redcap/connection"))
                .header("Authorization", "Bearer " + OTHER_SCHOOL_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(connection(StandInRedcap.TOKEN, 42))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);

        HttpResponse<String> deleted = deleteConnection(OTHER_SCHOOL_KEY);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from survey_redcap_connection where institution_id = ?",
                Integer.class, OTHER_SCHOOL)).as("the row and its encrypted token are gone").isZero();
        assertProblem(trigger(OTHER_SCHOOL, "42", redcap.baseUrl(), "101", "pss"), 403, "forbidden");
        assertProblem(get("/api/v1/survey-service/redcap/connection", OTHER_SCHOOL_KEY), 404, "not-found");
        assertProblem(deleteConnection(OTHER_SCHOOL_KEY), 404, "not-found");
    }

    private HttpResponse<String> deleteConnection(String key) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/survey-service/redcap/connection"))
                .header("Authorization", "Bearer " + key).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenRedcapRefusesIsAnsweredWithRedcapsOwnError() throws Exception {
        HttpResponse<String> connected = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-service/redcap/connection"))
                .header("Authorization", "Bearer " + OTHER_SCHOOL_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        connection("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 42)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);

        HttpResponse<String> pull = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-service/redcap/pull"))
                .header("Authorization", "Bearer " + OTHER_SCHOOL_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode problem = assertProblem(pull, 422, "rule-violated");
        assertThat(fieldsAndRules(problem)).containsExactly("token redcap-accepts");
        assertThat(problem.get("detail").asText()).contains("You do not have permissions to use the API");
    }

    @Test
    void aConnectionWithoutAValidTokenOrUrlIsRefusedNamingTheField() throws Exception {
        Map<String, Object> bad = new LinkedHashMap<>(connection("not-a-token", 42));
        JsonNode problem = assertProblem(send("PUT", "/connection", "application/json", JSON.writeValueAsString(bad)),
                400, "invalid-request");
        assertThat(fieldsAndRules(problem)).containsExactly("token pattern");
    }
}
