package org.balintobservatory.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.ScoringMethod;
import org.balintobservatory.contract.survey.SurveyCompletedEvent;
import org.balintobservatory.contract.survey.SurveyCorrectedEvent;
import org.balintobservatory.contract.survey.SurveyRetractedEvent;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.balintobservatory.support.access.AccessMatrix;
import org.balintobservatory.support.access.AccessRules;
import org.balintobservatory.support.access.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The survey service from HTTP to Kafka, on a real PostgreSQL server and a real Kafka broker. */
class SurveyServiceIT extends SurveyServiceTestSupport {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final Map<String, List<CloudEvent>> PUBLISHED = new ConcurrentHashMap<>();
    private static KafkaConsumer<String, byte[]> consumer;

    @AfterAll
    static void closeConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    /** Every route of the survey service, called with every role: a new endpoint without a rule fails here. */
    @Test
    void everyRouteLetsInExactlyTheRolesItDeclares() throws Exception {
        assertThat(AccessRules.of(mapping)).as("routes found").hasSizeGreaterThan(5);
        assertThat(AccessMatrix.violations(mapping, "http://localhost:" + port,
                Map.of(Role.SCHOOL, SCHOOL_KEY, Role.RESEARCHER, RESEARCHER_KEY, Role.ADMIN, ADMIN_KEY))).isEmpty();
    }

    @Test
    void theCatalogueServesTheBuiltInKeysToAnyKey() throws Exception {
        JsonNode all = ok(get("/api/v1/instruments", RESEARCHER_KEY));
        List<String> ids = new ArrayList<>();
        all.forEach(k -> ids.add(k.get("id").asText()));
        assertThat(ids).contains("jse-style", "mbi-hss-style", "csas-style", "pss-10-style");

        JsonNode mbi = ok(get("/api/v1/instruments/mbi-hss-style", SCHOOL_KEY));
        assertThat(mbi.get("itemCount").asInt()).isEqualTo(22);
        assertThat(mbi.get("scales")).hasSize(3);
        assertThat(mbi.get("scales").get(1).get("direction").asText()).isEqualTo("LOWER_IS_BETTER");

        JsonNode jse = ok(get("/api/v1/instruments/jse-style/versions/1", SCHOOL_KEY));
        assertThat(jse.get("reverseItems").toString()).isEqualTo("[1,3,6,7,8,11,12,14,18,19]");
        assertThat(jse.get("missingData").get("method").asText()).isEqualTo("PRORATE");
        assertThat(jse.get("source").asText()).contains("Hojat");

        assertProblem(get("/api/v1/instruments/no-such-instrument", SCHOOL_KEY), 404, "not-found");
        assertProblem(get("/api/v1/instruments/jse-style/versions/9", SCHOOL_KEY), 404, "not-found");
        assertProblem(get("/api/v1/instruments", null), 401, "unauthenticated");
    }

    @Test
    void anAdministratorRegistersCustomInstrumentsAsNewVersions() throws Exception {
        String id = "wellbeing-" + RUN;
        ObjectNode key = customKey(id, 4);

        HttpResponse<String> first = post("/api/v1/instruments", ADMIN_KEY, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(JSON.readTree(first.body()).get("version").asInt()).isEqualTo(1);

        HttpResponse<String> again = post("/api/v1/instruments", ADMIN_KEY, key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).get("version").asInt()).as("same key, no new version").isEqualTo(1);

        HttpResponse<String> second = post("/api/v1/instruments", ADMIN_KEY, customKey(id, 3));
        assertThat(JSON.readTree(second.body()).get("version").asInt()).isEqualTo(2);
        assertThat(ok(get("/api/v1/instruments/" + id + "/versions", SCHOOL_KEY))).hasSize(2);
        assertThat(ok(get("/api/v1/instruments/" + id, SCHOOL_KEY)).get("reverseItems").toString()).isEqualTo("[3]");

        ObjectNode edit = customKey(id, 2);
        edit.put("version", 1);
        assertProblem(post("/api/v1/instruments", ADMIN_KEY, edit), 409, "conflict");
        assertProblem(post("/api/v1/instruments", SCHOOL_KEY, customKey("other-" + id, 4)), 403, "forbidden");

        ObjectNode broken = customKey("broken-" + RUN, 9);
        ((ObjectNode) broken.get("scales").get(0)).putArray("items");
        JsonNode problem = assertProblem(post("/api/v1/instruments", ADMIN_KEY, broken), 422, "rule-violated");
        assertThat(fieldsAndRules(problem)).containsExactlyInAnyOrder(
                "reverseItems[0] item-exists", "scales[0].items not-empty");
        assertProblem(get("/api/v1/instruments/broken-" + RUN, SCHOOL_KEY), 404, "not-found");

        // The stored key scores submissions: a MEAN of items 1–4 (1–5) with item 3 reversed in version 2.
        // Answers 5, 4, 2, 3 count 5, 4, 1 + 5 − 2 = 4, 3: mean 16 / 4 = 4.
        Map<String, Object> body = submission("r-wb-" + RUN, "p-wb-001", id, Timepoint.BASELINE,
                Map.of("1", 5, "2", 4, "3", 2, "4", 3));
        JsonNode scored = created(post("/api/v1/survey-responses", SCHOOL_KEY, body));
        assertThat(scored.get("instrumentVersion").asInt()).isEqualTo(2);
        assertThat(scored.get("scores").get(0).get("score").asDouble()).isEqualTo(4.0);
    }

    @Test
    void aSubmissionIsScoredStoredAndPublishedExactlyOnce() throws Exception {
        // Empathy items all 6 except item 2 (blank): 9 plain items × 6 + 10 reverse-keyed items × (8 − 6)
        // = 74 over 19 answered, prorated 74 / 19 × 20 = 77.89.
        Map<String, Integer> items = allItems(20, 6);
        items.remove("2");
        Map<String, Object> body = submission("r-jse-1", "p-001", "jse-style", Timepoint.BASELINE, items);
        body.put("groupId", "g-tuesday");

        JsonNode stored = created(post("/api/v1/survey-responses", SCHOOL_KEY, body));
        assertThat(stored.get("scores").get(0).get("score").asDouble()).isEqualTo(77.89);
        assertThat(stored.get("prorated").asBoolean()).isTrue();
        assertThat(stored.get("status").asText()).isEqualTo("LIVE");

        HttpResponse<String> retry = post("/api/v1/survey-responses", SCHOOL_KEY, body);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(retry.body())).isEqualTo(stored);

        created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-marker-1", "p-002", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))));
        awaitPublished(SCHOOL + "/r-marker-1", 1);
        readToEnd();

        List<CloudEvent> events = PUBLISHED.get(SCHOOL + "/r-jse-1");
        assertThat(events).as("one event despite the retry").hasSize(1);
        CloudEvent event = events.get(0);
        assertThat(event.type()).isEqualTo("org.balintobservatory.survey-completed.v2");
        assertThat(event.source()).isEqualTo("/balint-observatory/survey-service");
        assertThat(event.subject()).isEqualTo(SCHOOL + "/r-jse-1");
        assertThat(event.dataschema()).isEqualTo("/schemas/survey-completed.v2.schema.json");
        assertThat(event.sequence()).isZero();
        assertMatchesSchema(event);
        Map<String, Integer> answered = new LinkedHashMap<>(items);
        assertThat(CODEC.payload(event).orElseThrow()).isEqualTo(new SurveyCompletedEvent(SCHOOL, "r-jse-1", pseudonym(SCHOOL, "p-001"),
                "gp-2026", "g-tuesday", "jse-style", 1, Timepoint.BASELINE, COMPLETED_ON, answered,
                List.of(new ScaleScore("total", 77.89, ScaleDirection.HIGHER_IS_BETTER, 19, true)),
                ScoringMethod.ITEMS, true));
    }

    @Test
    void reportedScoresAreCheckedAndFlagged() throws Exception {
        Map<String, Object> body = submission("r-rep-1", "p-003", "mbi-hss-style", Timepoint.POST, null);
        body.remove("items");
        body.put("scores", Map.of("subscales", Map.of("emotional-exhaustion", 21, "depersonalisation", 7.5,
                "personal-accomplishment", 40)));

        JsonNode stored = created(post("/api/v1/survey-responses", SCHOOL_KEY, body));
        assertThat(stored.get("scoringMethod").asText()).isEqualTo("REPORTED_SCORES");

        SurveyCompletedEvent event = (SurveyCompletedEvent) CODEC.payload(
                awaitPublished(SCHOOL + "/r-rep-1", 1).get(0)).orElseThrow();
        assertThat(event.scoringMethod()).isEqualTo(ScoringMethod.REPORTED_SCORES);
        assertThat(event.items()).isNull();
        assertThat(event.scores()).extracting(ScaleScore::scale, ScaleScore::score, ScaleScore::itemsAnswered)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("emotional-exhaustion", 21.0, null),
                        org.assertj.core.groups.Tuple.tuple("depersonalisation", 7.5, null),
                        org.assertj.core.groups.Tuple.tuple("personal-accomplishment", 40.0, null));
    }

    @Test
    void aDifferentResponseForATakenIdOrSlotIsAConflict() throws Exception {
        created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-slot-1", "p-010", "pss-10-style", Timepoint.MID, allItems(10, 1))));

        JsonNode sameId = assertProblem(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-slot-1", "p-010", "pss-10-style", Timepoint.MID, allItems(10, 3))), 409, "conflict");
        assertThat(sameId.get("stored").get("responseId").asText()).isEqualTo("r-slot-1");
        assertThat(sameId.get("stored").get("timepoint").asText()).isEqualTo("MID");

        JsonNode sameSlot = assertProblem(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-slot-2", "p-010", "pss-10-style", Timepoint.MID, allItems(10, 3))), 409, "conflict");
        assertThat(sameSlot.get("stored").get("responseId").asText()).isEqualTo("r-slot-1");
        assertProblem(get("/api/v1/survey-responses/r-slot-2", SCHOOL_KEY), 404, "not-found");

        // Slots are per institution: another school's participant may use the same pseudonym.
        created(post("/api/v1/survey-responses", OTHER_SCHOOL_KEY,
                submission("r-slot-2", "p-010", "pss-10-style", Timepoint.MID, allItems(10, 3))));
    }

    @Test
    void everyInvalidSubmissionIsRefusedWithProblemDetailsAndNothingIsStored() throws Exception {
        Map<String, Integer> outOfRange = allItems(20, 6);
        outOfRange.put("3", 9);
        Map<String, Integer> tooFewAnswered = allItems(20, 6);
        tooFewAnswered.remove("1");
        tooFewAnswered.remove("2");
        tooFewAnswered.remove("3");

        record Case(String responseId, Map<String, Object> body, int status, String type, String fieldAndRule) {
        }
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("r-bad-01", submission("r-bad-01", "p-100", "jse-style", Timepoint.BASELINE, outOfRange),
                422, "rule-violated", "items.3 item-in-range"));
        cases.add(new Case("r-bad-02", submission("r-bad-02", "p-100", "jse-style", Timepoint.BASELINE,
                Map.of("21", 4)), 422, "rule-violated", "items.21 item-exists"));
        cases.add(new Case("r-bad-03", submission("r-bad-03", "p-100", "jse-style", Timepoint.BASELINE,
                tooFewAnswered), 422, "rule-violated", "items missing-items"));
        Map<String, Object> future = submission("r-bad-04", "p-100", "jse-style", Timepoint.BASELINE, allItems(20, 6));
        future.put("completedOn", LocalDate.now().plusDays(2).toString());
        cases.add(new Case("r-bad-04", future, 422, "rule-violated", "completedOn not-in-future"));
        Map<String, Object> tooEarly = submission("r-bad-17", "p-100", "jse-style", Timepoint.BASELINE,
                allItems(20, 6));
        tooEarly.put("completedOn", "1949-12-31");
        cases.add(new Case("r-bad-17", tooEarly, 422, "rule-violated", "completedOn not-before-1950"));
        cases.add(new Case("r-bad-05", submission("r-bad-05", "p-100", "no-such-scale", Timepoint.BASELINE,
                allItems(20, 6)), 422, "rule-violated", "instrument instrument-exists"));
        Map<String, Object> noVersion = submission("r-bad-06", "p-100", "jse-style", Timepoint.BASELINE, allItems(20, 6));
        noVersion.put("instrumentVersion", 7);
        cases.add(new Case("r-bad-06", noVersion, 422, "rule-violated", "instrumentVersion instrument-version-exists"));
        Map<String, Object> both = submission("r-bad-07", "p-100", "jse-style", Timepoint.BASELINE, allItems(20, 6));
        both.put("scores", Map.of("total", 90));
        cases.add(new Case("r-bad-07", both, 422, "rule-violated", "items items-or-scores"));
        Map<String, Object> neither = submission("r-bad-08", "p-100", "jse-style", Timepoint.BASELINE, null);
        neither.remove("items");
        cases.add(new Case("r-bad-08", neither, 422, "rule-violated", "items items-or-scores"));
        Map<String, Object> reported = submission("r-bad-09", "p-100", "jse-style", Timepoint.BASELINE, null);
        reported.remove("items");
        reported.put("scores", Map.of("total", 141));
        cases.add(new Case("r-bad-09", reported, 422, "rule-violated", "scores.total score-in-range"));
        Map<String, Object> missingScale = submission("r-bad-10", "p-100", "mbi-hss-style", Timepoint.BASELINE, null);
        missingScale.remove("items");
        missingScale.put("scores", Map.of("subscales", Map.of("emotional-exhaustion", 20, "personal-accomplishment", 30)));
        cases.add(new Case("r-bad-10", missingScale, 422, "rule-violated", "scores.subscales.depersonalisation scale-reported"));
        Map<String, Object> unknownScale = submission("r-bad-11", "p-100", "pss-10-style", Timepoint.BASELINE, null);
        unknownScale.remove("items");
        unknownScale.put("scores", Map.of("total", 20, "subscales", Map.of("helplessness", 10)));
        cases.add(new Case("r-bad-11", unknownScale, 422, "rule-violated", "scores.subscales.helplessness scale-exists"));
        cases.add(new Case("r-bad-12", submission("r-bad-12", "patient name", "jse-style", Timepoint.BASELINE,
                allItems(20, 6)), 400, "invalid-request", "participantId pattern"));
        Map<String, Object> noTimepoint = submission("r-bad-13", "p-100", "jse-style", Timepoint.BASELINE, allItems(20, 6));
        noTimepoint.remove("timepoint");
        cases.add(new Case("r-bad-13", noTimepoint, 400, "invalid-request", "timepoint not-null"));
        Map<String, Object> freeText = submission("r-bad-14", "p-100", "jse-style", Timepoint.BASELINE, allItems(20, 6));
        freeText.put("comment", "free text is not accepted");
        cases.add(new Case("r-bad-14", freeText, 400, "malformed-request", "comment unknown-field"));
        Map<String, Object> badTimepoint = submission("r-bad-15", "p-100", "jse-style", Timepoint.BASELINE, allItems(20, 6));
        badTimepoint.put("timepoint", "LATER");
        cases.add(new Case("r-bad-15", badTimepoint, 400, "malformed-request", "timepoint wrong-type"));

        for (Case c : cases) {
            JsonNode problem = assertProblem(post("/api/v1/survey-responses", SCHOOL_KEY, c.body()), c.status(), c.type());
            assertThat(fieldsAndRules(problem)).as(c.responseId()).contains(c.fieldAndRule());
            assertProblem(get("/api/v1/survey-responses/" + c.responseId(), SCHOOL_KEY), 404, "not-found");
        }

        Map<String, Object> valid = submission("r-bad-16", "p-100", "jse-style", Timepoint.BASELINE, allItems(20, 6));
        assertProblem(post("/api/v1/survey-responses", RESEARCHER_KEY, valid), 403, "forbidden");
        assertProblem(post("/api/v1/survey-responses", null, valid), 401, "unauthenticated");
        assertProblem(post("/api/v1/survey-responses", "not-a-key", valid), 401, "unauthenticated");
        assertProblem(get("/api/v1/survey-responses/r-bad-16", SCHOOL_KEY), 404, "not-found");
    }

    @Test
    void aCorrectionReplacesAResponseAndARetractionWithdrawsIt() throws Exception {
        created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-fix-1", "p-020", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))));

        Map<String, Object> correction = submission(null, "p-020", "pss-10-style", Timepoint.BASELINE, allItems(10, 4));
        correction.remove("responseId");
        correction.put("correctionId", "c-fix-1");
        // All ten items 4: six plain items count 4, the four reversed ones 0 + 4 − 4 = 0, so 24.
        JsonNode corrected = ok(post("/api/v1/survey-responses/r-fix-1/corrections", SCHOOL_KEY, correction));
        assertThat(corrected.get("scores").get(0).get("score").asDouble()).isEqualTo(24.0);
        assertThat(corrected.get("corrections").asInt()).isEqualTo(1);
        assertThat(ok(post("/api/v1/survey-responses/r-fix-1/corrections", SCHOOL_KEY, correction))
                .get("corrections").asInt()).as("a retried correction").isEqualTo(1);

        assertProblem(post("/api/v1/survey-responses/r-fix-1/retraction", SCHOOL_KEY,
                Map.of("reason", "CONSENT_WITHDRAWN")), 422, "rule-violated");
        JsonNode retracted = ok(post("/api/v1/survey-responses/r-fix-1/retraction", SCHOOL_KEY,
                Map.of("reason", "ENTERED_IN_ERROR")));
        assertThat(retracted.get("status").asText()).isEqualTo("RETRACTED");

        correction.put("correctionId", "c-fix-2");
        JsonNode refused = assertProblem(post("/api/v1/survey-responses/r-fix-1/corrections", SCHOOL_KEY, correction),
                422, "rule-violated");
        assertThat(fieldsAndRules(refused)).containsExactly("responseId not-retracted");
        assertProblem(post("/api/v1/survey-responses/r-none/corrections", SCHOOL_KEY, correction), 404, "not-found");
        assertProblem(post("/api/v1/survey-responses/r-fix-1/retraction", OTHER_SCHOOL_KEY,
                Map.of("reason", "ENTERED_IN_ERROR")), 404, "not-found");

        List<CloudEvent> events = awaitPublished(SCHOOL + "/r-fix-1", 3);
        assertThat(events).extracting(CloudEvent::type).containsExactly("org.balintobservatory.survey-completed.v2",
                "org.balintobservatory.survey-corrected.v2", "org.balintobservatory.survey-retracted.v2");
        events.forEach(SurveyServiceIT::assertMatchesSchema);
        SurveyCorrectedEvent correctedEvent = (SurveyCorrectedEvent) CODEC.payload(events.get(1)).orElseThrow();
        assertThat(correctedEvent.correctionId()).isEqualTo("c-fix-1");
        assertThat(correctedEvent.scores().get(0).score()).isEqualTo(24.0);
        assertThat(((SurveyRetractedEvent) CODEC.payload(events.get(2)).orElseThrow()).reason())
                .isEqualTo(RetractionReason.ENTERED_IN_ERROR);

        // The slot is free again: the questionnaire can be entered afresh under a new id.
        created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-fix-2", "p-020", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))));
    }

    @Test
    void withdrawingConsentRetractsEveryResponseOfTheParticipantInTheInstitution() throws Exception {
        created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-cw-1", "p-030", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))));
        created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-cw-2", "p-030", "pss-10-style", Timepoint.POST, allItems(10, 1))));
        created(post("/api/v1/survey-responses", OTHER_SCHOOL_KEY,
                submission("r-cw-3", "p-030", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))));

        JsonNode withdrawal = ok(post("/api/v1/participants/p-030/consent-withdrawal", SCHOOL_KEY, Map.of()));
        assertThat(withdrawal.get("retractedResponses").toString()).isEqualTo("[\"r-cw-1\",\"r-cw-2\"]");
        assertThat(ok(post("/api/v1/participants/p-030/consent-withdrawal", SCHOOL_KEY, Map.of()))
                .get("retractedResponses")).as("nothing left to retract").isEmpty();

        for (String responseId : List.of("r-cw-1", "r-cw-2")) {
            CloudEvent retraction = awaitPublished(SCHOOL + "/" + responseId, 2).get(1);
            assertMatchesSchema(retraction);
            SurveyRetractedEvent event = (SurveyRetractedEvent) CODEC.payload(retraction).orElseThrow();
            assertThat(event.reason()).isEqualTo(RetractionReason.CONSENT_WITHDRAWN);
            assertThat(event.participantId()).isEqualTo(pseudonym(SCHOOL, "p-030"));
        }
        assertThat(ok(get("/api/v1/survey-responses/r-cw-3", OTHER_SCHOOL_KEY)).get("status").asText())
                .as("another institution's participant").isEqualTo("LIVE");
        assertProblem(post("/api/v1/participants/p-030/consent-withdrawal", RESEARCHER_KEY, Map.of()), 403, "forbidden");
    }

    @Test
    void aNewResponseOfAParticipantWhoWithdrewConsentIsRefusedUntilConsentIsRenewed() throws Exception {
        created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-rc-1", "p-040", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))));
        ok(post("/api/v1/participants/p-040/consent-withdrawal", SCHOOL_KEY, Map.of()));

        JsonNode refused = assertProblem(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-rc-2", "p-040", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))), 422, "rule-violated");
        assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("participantId");
        assertThat(refused.get("errors").get(0).get("rule").asText()).isEqualTo("consent-withdrawn");
        assertProblem(get("/api/v1/survey-responses/r-rc-2", SCHOOL_KEY), 404, "not-found");
        HttpResponse<String> batch = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-responses/batch"))
                .header("Authorization", "Bearer " + SCHOOL_KEY).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        submission("r-rc-3", "p-040", "pss-10-style", Timepoint.POST, allItems(10, 2))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ndjson(batch).get(0).get("status").asInt()).isEqualTo(422);
        created(post("/api/v1/survey-responses", OTHER_SCHOOL_KEY,
                submission("r-rc-4", "p-040", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))));

        JsonNode renewed = ok(post("/api/v1/participants/p-040/consent-renewal", SCHOOL_KEY, Map.of()));
        assertThat(renewed.get("consent").asText()).isEqualTo("GIVEN");
        created(post("/api/v1/survey-responses", SCHOOL_KEY,
                submission("r-rc-2", "p-040", "pss-10-style", Timepoint.BASELINE, allItems(10, 2))));
        assertThat(ok(get("/api/v1/survey-responses/r-rc-1", SCHOOL_KEY)).get("status").asText())
                .as("renewed consent does not bring back what the withdrawal retracted").isEqualTo("RETRACTED");
        assertProblem(post("/api/v1/participants/p-040/consent-renewal", RESEARCHER_KEY, Map.of()), 403, "forbidden");
    }

    @Test
    void aResponseNamingAnotherSchoolsProgrammeOrGroupIsAnsweredNotKnownYetNamingTheField() throws Exception {
        Map<String, Object> foreignProgramme = submission("r-f-1", "p-050", "pss-10-style", Timepoint.BASELINE,
                allItems(10, 2));
        foreignProgramme.put("programmeId", "other-only");
        HttpResponse<String> answer = post("/api/v1/survey-responses", SCHOOL_KEY, foreignProgramme);
        JsonNode refused = assertProblem(answer, 503, "not-known-yet");
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.get("retryAfterSeconds").asInt()).isEqualTo(2);
        assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("programmeId");
        assertThat(refused.get("errors").get(0).get("rule").asText()).isEqualTo("programme-exists");

        Map<String, Object> foreignGroup = submission("r-f-2", "p-050", "pss-10-style", Timepoint.BASELINE,
                allItems(10, 2));
        foreignGroup.put("groupId", "g-other");
        refused = assertProblem(post("/api/v1/survey-responses", SCHOOL_KEY, foreignGroup), 503, "not-known-yet");
        assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("groupId");
        assertThat(refused.get("errors").get(0).get("rule").asText()).isEqualTo("group-exists");
        assertProblem(get("/api/v1/survey-responses/r-f-1", SCHOOL_KEY), 404, "not-found");
        assertProblem(get("/api/v1/survey-responses/r-f-2", SCHOOL_KEY), 404, "not-found");

        Map<String, Object> own = submission("r-f-3", "p-050", "pss-10-style", Timepoint.BASELINE, allItems(10, 2));
        own.put("programmeId", "other-only");
        own.put("groupId", "g-other");
        created(post("/api/v1/survey-responses", OTHER_SCHOOL_KEY, own));
    }

    @Test
    void aBatchOfAThousandLinesStoresEveryGoodLineAndReportsTheBadOne() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        int lines = 1_000;
        for (int i = 1; i <= lines; i++) {
            Map<String, Integer> items = allItems(10, i % 5);
            if (i == 500) {
                items.put("7", 5);
            }
            String responseId = i == 1_000 ? "r-batch-0001" : "r-batch-%04d".formatted(i);
            String participant = i == 1_000 ? "p-batch-0001" : "p-batch-%04d".formatted(i);
            if (i == 1_000) {
                items = allItems(10, 1);
            }
            ndjson.append(JSON.writeValueAsString(
                    submission(responseId, participant, "pss-10-style", Timepoint.BASELINE, items))).append('\n');
            if (i == 250) {
                ndjson.append('\n');
            }
        }

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-responses/batch"))
                .header("Authorization", "Bearer " + SCHOOL_KEY)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(4))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build(), HttpResponse.BodyHandlers.ofString());

        List<JsonNode> results = ndjson(response);
        assertThat(results).hasSize(lines);
        assertThat(results).filteredOn(r -> r.get("outcome").asText().equals("refused")).hasSize(1);
        JsonNode bad = results.get(499);
        assertThat(bad.get("line").asInt()).as("line numbers count the blank line").isEqualTo(501);
        assertThat(bad.get("id").asText()).isEqualTo("r-batch-0500");
        assertThat(bad.get("status").asInt()).isEqualTo(422);
        assertThat(bad.at("/problem/errors/0/field").asText()).isEqualTo("items.7");
        assertThat(bad.at("/problem/errors/0/rule").asText()).isEqualTo("item-in-range");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(results.get(0).get("outcome").asText()).isEqualTo("appended");
        assertThat(results.get(0).at("/result/scores/0/scale").isMissingNode()).isFalse();
        JsonNode repeat = results.get(lines - 1);
        assertThat(repeat.get("status").asInt()).as("a repeated line").isEqualTo(200);
        assertThat(repeat.get("outcome").asText()).isEqualTo("unchanged");
        assertProblem(get("/api/v1/survey-responses/r-batch-0500", SCHOOL_KEY), 404, "not-found");

        awaitPublished(SCHOOL + "/r-batch-0999", 1);
        await().atMost(Patience.scaled(Duration.ofMinutes(2))).untilAsserted(() -> {
            poll();
            long published = PUBLISHED.keySet().stream().filter(k -> k.startsWith(SCHOOL + "/r-batch-")).count();
            assertThat(published).isEqualTo(lines - 2);
        });
        assertThat(PUBLISHED.get(SCHOOL + "/r-batch-0001")).hasSize(1);
    }

    @Test
    void anOversizedBatchIsRefusedWhole() throws Exception {
        String line = JSON.writeValueAsString(
                submission("r-big-1", "p-big-1", "pss-10-style", Timepoint.BASELINE, allItems(10, 1))) + "\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-responses/batch"))
                .header("Authorization", "Bearer " + SCHOOL_KEY)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(line + "\n".repeat(20_000))).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode problem = assertProblem(response, 413, "batch-too-large");
        assertThat(problem.get("detail").asText()).contains("20000 lines");
        assertProblem(get("/api/v1/survey-responses/r-big-1", SCHOOL_KEY), 404, "not-found");
    }

    /** The one-object answer of before stays for one API version, for a client that asks for JSON. */
    @Test
    void aClientAskingForJsonStillGetsTheDeprecatedSummary() throws Exception {
        String good = JSON.writeValueAsString(
                submission("r-old-1", "p-old-1", "pss-10-style", Timepoint.BASELINE, allItems(10, 1)));
        Map<String, Integer> outOfRange = allItems(10, 1);
        outOfRange.put("3", 9);
        String bad = JSON.writeValueAsString(
                submission("r-old-2", "p-old-2", "pss-10-style", Timepoint.BASELINE, outOfRange));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-responses/batch"))
                .header("Authorization", "Bearer " + SCHOOL_KEY)
                .header("Content-Type", "application/x-ndjson")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(good + "\n" + bad + "\n" + good + "\n")).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode summary = ok(response);
        assertThat(response.headers().firstValue("Deprecation")).hasValue("@1795996800");
        assertThat(summary.get("lines").asInt()).isEqualTo(3);
        assertThat(summary.get("accepted").asInt()).isEqualTo(2);
        assertThat(summary.get("rejected").asInt()).isEqualTo(1);
        JsonNode refused = summary.get("results").get(1);
        assertThat(refused.get("responseId").asText()).isEqualTo("r-old-2");
        assertThat(refused.get("status").asInt()).isEqualTo(422);
        assertThat(refused.get("type").asText()).isEqualTo("rule-violated");
        assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("items.3");
        assertThat(summary.get("results").get(2).get("status").asInt()).as("a repeat answers as before").isEqualTo(201);
        assertThat(summary.get("results").get(0).get("scores").isArray()).isTrue();
    }

    private static void assertMatchesSchema(CloudEvent event) {
        EventType type = EventCatalogue.forCloudEventType(event.type()).orElseThrow();
        try (InputStream schema = EventCatalogue.class.getResourceAsStream(type.schemaResource())) {
            JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new String(schema.readAllBytes()));
            assertThat(validator.validate(event.data())).as(event.type()).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code count} events of the aggregate arrived, and returns them in order. */
    private static List<CloudEvent> awaitPublished(String aggregateId, int count) {
        await().atMost(Patience.scaled(Duration.ofMinutes(1))).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            poll();
            assertThat(PUBLISHED.getOrDefault(aggregateId, List.of())).hasSizeGreaterThanOrEqualTo(count);
        });
        return PUBLISHED.get(aggregateId);
    }

    /**
     * Reads every partition up to its end as it is now: the marker is on one partition, the response it
     * follows may be on another, which the consumer has not necessarily reached when the marker arrives.
     */
    private static void readToEnd() {
        poll();
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        await().atMost(Patience.scaled(Duration.ofMinutes(1))).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            poll();
            end.forEach((partition, offset) -> assertThat(consumer.position(partition)).isGreaterThanOrEqualTo(offset));
        });
    }

    private static synchronized void poll() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InfrastructureEndpoints.resolve().kafkaBootstrap(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SURVEY_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            if (SCHOOL.equals(record.key()) || OTHER_SCHOOL.equals(record.key())) {
                // Keyed by institution, so that one institution's events share a partition; the subject is the
                // response aggregate.
                CloudEvent event = CloudEventRecords.read(record);
                assertThat(event.subject()).startsWith(record.key() + "/");
                PUBLISHED.computeIfAbsent(event.subject(), k -> new ArrayList<>()).add(event);
            }
        }
    }
}
