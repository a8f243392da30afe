package org.balintobservatory.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.survey.xapi.XapiStatements;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * xAPI statements of the profile (docs/xapi.md) reach the same commands as the JSON API: a completed
 * instrument is the same stored response, the same statement again changes nothing, another statement under
 * the same id is 409, and a voiding statement retracts what the voided one stored.
 */
class XapiIT extends SurveyServiceTestSupport {

    private static final String STATEMENTS = "/api/v1/survey-service/xapi/statements";

    private HttpResponse<String> send(String method, String query, Object body, String version) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(STATEMENTS + query))
                .header("Authorization", "Bearer " + SCHOOL_KEY).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (version != null) {
            request.header("X-Experience-API-Version", version);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode completed(String id, String participant, int item7) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("id", id);
        statement.putObject("actor").put("objectType", "Agent").putObject("account")
                .put("homePage", "https://lms.example.org").put("name", participant);
        statement.putObject("verb").put("id", "http://adlnet.gov/expapi/verbs/completed")
                .putObject("display").put("en-US", "completed");
        statement.putObject("object").put("objectType", "Activity")
                .put("id", "https://balintobservatory.org/xapi/instruments/pss-10-style");
        ObjectNode items = statement.putObject("result").put("completion", true).putObject("extensions")
                .putObject("https://balintobservatory.org/xapi/extensions/items");
        for (int item = 1; item <= 10; item++) {
            items.put(String.valueOf(item), item == 7 ? item7 : 2);
        }
        statement.putObject("context").putObject("extensions")
                .put("https://balintobservatory.org/xapi/extensions/programme", PROGRAMME)
                .put("https://balintobservatory.org/xapi/extensions/timepoint", "BASELINE");
        statement.put("timestamp", COMPLETED_ON + "T09:30:00+01:00");
        return statement;
    }

    @Test
    void aCompletedInstrumentIsTheSameResponseAsTheJsonApiWouldStoreAndARepeatChangesNothing() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> stored = send("POST", "", completed(id, "p-xapi-1", 1), "1.0.3");

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(stored.headers().firstValue("X-Experience-API-Version")).hasValue("1.0.3");
        assertThat(JSON.readTree(stored.body()).get(0).asText()).isEqualTo(id);
        String responseId = XapiStatements.responseId(id);
        JsonNode response = ok(get("/api/v1/survey-responses/" + responseId, SCHOOL_KEY));
        JsonNode viaJson = created(post("/api/v1/survey-responses", SCHOOL_KEY, submission("r-xapi-json",
                "p-xapi-json", "pss-10-style", Timepoint.BASELINE, Map.of("1", 2, "2", 2, "3", 2, "4", 2, "5", 2,
                        "6", 2, "7", 1, "8", 2, "9", 2, "10", 2))));
        assertThat(response.get("scores")).isEqualTo(viaJson.get("scores"));
        assertThat(response.get("completedOn").asText()).as("the timestamp's date in UTC").isEqualTo("2026-01-12");
        assertThat(response.get("participantId").asText()).isEqualTo(pseudonym(SCHOOL, "p-xapi-1"));

        HttpResponse<String> again = send("PUT", "?statementId=" + id, completed(id, "p-xapi-1", 1), "1.0.3");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(204);
        assertThat(ok(get("/api/v1/survey-responses/" + responseId, SCHOOL_KEY)).get("corrections").asInt()).isZero();

        JsonNode conflict = assertProblem(send("POST", "", completed(id, "p-xapi-1", 4), "1.0.3"), 409, "conflict");
        assertThat(conflict.get("stored").get("responseId").asText()).isEqualTo(responseId);
    }

    @Test
    void aVoidingStatementRetractsWhatTheVoidedStatementStored() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(send("POST", "", completed(id, "p-xapi-2", 1), "1.0.3").statusCode()).isEqualTo(200);
        ObjectNode voiding = JSON.createObjectNode();
        voiding.put("id", UUID.randomUUID().toString());
        voiding.putObject("actor").putObject("account").put("homePage", "https://lms.example.org")
                .put("name", "lms-admin");
        voiding.putObject("verb").put("id", "http://adlnet.gov/expapi/verbs/voided");
        voiding.putObject("object").put("objectType", "StatementRef").put("id", id);

        assertThat(send("POST", "", voiding, "1.0.3").statusCode()).isEqualTo(200);
        assertThat(send("POST", "", voiding, "1.0.3").statusCode()).as("voiding again").isEqualTo(200);

        JsonNode response = ok(get("/api/v1/survey-responses/" + XapiStatements.responseId(id), SCHOOL_KEY));
        assertThat(response.get("status").asText()).isEqualTo("RETRACTED");
        assertThat(response.get("retractionReason").asText()).isEqualTo("ENTERED_IN_ERROR");
    }

    @Test
    void statementsOutsideTheProfileOrWithoutTheVersionAreRefusedNamingWhy() throws Exception {
        String id = UUID.randomUUID().toString();
        JsonNode noVersion = assertProblem(send("POST", "", completed(id, "p-xapi-3", 1), null), 400,
                "invalid-request");
        assertThat(fieldsAndRules(noVersion)).containsExactly("X-Experience-API-Version xapi-version");

        ObjectNode mbox = completed(id, "p-xapi-3", 1);
        ((ObjectNode) mbox.get("actor")).put("mbox", "mailto:someone@example.org");
        JsonNode byMail = assertProblem(send("POST", "", mbox, "1.0.3"), 400, "invalid-request");
        assertThat(byMail.get("errors").get(0).get("rule").asText()).isEqualTo("xapi-profile");
        assertThat(byMail.get("errors").get(0).get("field").asText()).startsWith("actor");

        JsonNode otherId = assertProblem(send("PUT", "?statementId=" + UUID.randomUUID(),
                completed(id, "p-xapi-3", 1), "1.0.3"), 400, "invalid-request");
        assertThat(fieldsAndRules(otherId)).containsExactly("statementId statement-id-matches");

        ObjectNode outOfRange = completed(id, "p-xapi-3", 9);
        JsonNode refused = assertProblem(send("POST", "", outOfRange, "1.0.3"), 422, "rule-violated");
        assertThat(fieldsAndRules(refused)).contains("items.7 item-in-range");
        assertProblem(get("/api/v1/survey-responses/" + XapiStatements.responseId(id), SCHOOL_KEY), 404, "not-found");
    }

    /** The finding: a space for the 'T' passed the schema's date-time format and failed later with 500. */
    @Test
    void aTimestampThatIsNoIsoDateTimeIsRefusedNamingIt() throws Exception {
        ObjectNode statement = completed(UUID.randomUUID().toString(), "p-xapi-4", 1)
                .put("timestamp", "2026-01-12 09:30:00Z");
        JsonNode refused = assertProblem(send("POST", "", statement, "1.0.3"), 400, "invalid-request");
        assertThat(fieldsAndRules(refused)).containsExactly("timestamp date-time");
    }
}
