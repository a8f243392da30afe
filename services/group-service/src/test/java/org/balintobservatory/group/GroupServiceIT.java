package org.balintobservatory.group;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The group service from HTTP to the Kafka topic, against real PostgreSQL and Kafka. */
class GroupServiceIT extends GroupServiceTestSupport {

    private Map<String, Object> session(String sessionId, int daysAgo, List<Map<String, Object>> attendance,
                                        List<Map<String, Object>> cases) {
        Map<String, Object> session = new HashMap<>();
        session.put("sessionId", sessionId);
        session.put("heldOn", TODAY.minusDays(daysAgo).toString());
        session.put("durationMinutes", 90);
        session.put("format", "IN_PERSON");
        session.put("leadersPresent", 2);
        session.put("attendance", attendance);
        session.put("cases", cases);
        return session;
    }

    private static Map<String, Object> aCase(String caseId, String presenterId, List<String> themes, Integer intensity) {
        Map<String, Object> c = new HashMap<>();
        c.put("caseId", caseId);
        c.put("presenterId", presenterId);
        c.put("themes", themes);
        if (intensity != null) {
            c.put("emotionalIntensity", intensity);
        }
        return c;
    }

    @Test
    void aRecordedSessionReachesTheTopicAsCloudEventsInTheGroupsOrder() {
        givenGroupWithMembers("prog-flow", "g-flow", 60, "p-7f3a9c", "p-1b22e0");

        Response recorded = post("/api/v1/groups/g-flow/sessions", session("s-001", 7,
                List.of(attendance("p-7f3a9c", "PRESENT"), attendance("p-1b22e0", "EXCUSED")),
                List.of(aCase("c-001", "p-7f3a9c", List.of("END_OF_LIFE", "BOUNDARIES"), 4))));

        assertThat(recorded.status()).isEqualTo(201);
        assertThat(recorded.body().path("status").asText()).isEqualTo("RECORDED");
        assertThat(recorded.body().path("cases").path(0).path("themes")).hasSize(2);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(aggregate("g-flow"), 7);
        List<CloudEvent> events = records.stream().map(GroupServiceTestSupport::cloudEvent).toList();
        assertThat(events).extracting(CloudEvent::type).containsExactly(
                "org.balintobservatory.group-formed.v1",
                "org.balintobservatory.participant-enrolled.v2",
                "org.balintobservatory.participant-enrolled.v2",
                "org.balintobservatory.session-held.v1",
                "org.balintobservatory.attendance-recorded.v2",
                "org.balintobservatory.attendance-recorded.v2",
                "org.balintobservatory.case-presented.v2");
        assertThat(events).extracting(CloudEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.subject()).isEqualTo(INSTITUTION + "/g-flow");
            assertThat(e.source()).isEqualTo("/balint-observatory/group-service");
            assertThat(e.dataschema()).startsWith("/schemas/");
        });
        assertThat(records.get(3).headers().lastHeader("content-type").value())
                .asString(StandardCharsets.UTF_8).startsWith("application/cloudevents+json");

        JsonNode held = events.get(3).data();
        assertThat(held.path("institutionId").asText()).isEqualTo(INSTITUTION);
        assertThat(held.path("sessionId").asText()).isEqualTo("s-001");
        assertThat(held.path("heldOn").asText()).isEqualTo(TODAY.minusDays(7).toString());
        assertThat(held.path("attendanceRecords").asInt()).isEqualTo(2);
        assertThat(held.path("casesPresented").asInt()).isEqualTo(1);
        assertThat(events.get(5).data().path("status").asText()).isEqualTo("EXCUSED");
        JsonNode presented = events.get(6).data();
        assertThat(presented.path("presenterId").asText()).isEqualTo(pseudonym("p-7f3a9c"));
        assertThat(events.get(1).data().path("participantId").asText()).isEqualTo(pseudonym("p-7f3a9c"));
        assertThat(records).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .doesNotContain("p-7f3a9c", "p-1b22e0"));
        assertThat(presented.path("themes")).extracting(JsonNode::asText).containsExactly("END_OF_LIFE", "BOUNDARIES");
        assertThat(presented.path("emotionalIntensity").asInt()).isEqualTo(4);
        assertThat(CODEC.payload(events.get(6))).isPresent();
    }

    @Test
    void designChangesWithdrawalsCorrectionsAndVoidsArePublishedAfterTheSession() {
        givenGroupWithMembers("prog-life", "g-life", 60, "p-aa01", "p-bb02", "p-cc03");
        List<Map<String, Object>> all = List.of(attendance("p-aa01", "PRESENT"), attendance("p-bb02", "PRESENT"),
                attendance("p-cc03", "ABSENT"));
        assertThat(post("/api/v1/groups/g-life/sessions", session("s-1", 20, all, List.of())).status()).isEqualTo(201);
        assertThat(post("/api/v1/groups/g-life/sessions", session("s-2", 10, all, List.of())).status()).isEqualTo(201);

        Response changed = post("/api/v1/groups/g-life/design-changes",
                Map.of("effectiveFrom", TODAY.minusDays(9).toString(), "design", design(12)));
        assertThat(changed.status()).isEqualTo(201);
        assertThat(changed.body().path("design").path("plannedSize").asInt()).isEqualTo(12);
        assertThat(changed.body().path("designHistory")).hasSize(2);

        Response withdrew = delete("/api/v1/groups/g-life/members/p-cc03?withdrewOn=" + TODAY.minusDays(8));
        assertThat(withdrew.status()).isEqualTo(200);
        assertThat(withdrew.body().path("withdrewOn").asText()).isEqualTo(TODAY.minusDays(8).toString());

        Map<String, Object> correction = session("ignored", 20, List.of(attendance("p-aa01", "PRESENT"),
                attendance("p-bb02", "EXCUSED"), attendance("p-cc03", "ABSENT")),
                List.of(aCase("c-9", "p-aa01", List.of("MEDICAL_ERROR"), null)));
        correction.remove("sessionId");
        correction.put("correctionId", "fix-1");
        Response corrected = post("/api/v1/groups/g-life/sessions/s-1/corrections", correction);
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.body().path("status").asText()).isEqualTo("CORRECTED");
        assertThat(corrected.body().path("corrections").path(0).asText()).isEqualTo("fix-1");

        Response voided = post("/api/v1/groups/g-life/sessions/s-2/void", Map.of("reason", "DUPLICATE_ENTRY"));
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.body().path("status").asText()).isEqualTo("VOIDED");
        assertThat(get("/api/v1/groups/g-life").body().path("sessionsCounted").asInt()).isEqualTo(1);

        List<CloudEvent> events = awaitRecords(aggregate("g-life"), 16).stream()
                .map(GroupServiceTestSupport::cloudEvent).toList();
        assertThat(events.subList(12, 16)).extracting(CloudEvent::type).containsExactly(
                "org.balintobservatory.group-design-changed.v1",
                "org.balintobservatory.participant-withdrew.v2",
                "org.balintobservatory.session-corrected.v2",
                "org.balintobservatory.session-voided.v1");
        assertThat(events.get(12).data().path("effectiveFrom").asText()).isEqualTo(TODAY.minusDays(9).toString());
        JsonNode correctedData = events.get(14).data();
        assertThat(correctedData.path("correctionId").asText()).isEqualTo("fix-1");
        assertThat(correctedData.path("attendance")).hasSize(3);
        assertThat(correctedData.path("cases").path(0).path("caseId").asText()).isEqualTo("c-9");
        assertThat(events.get(15).data().path("reason").asText()).isEqualTo("DUPLICATE_ENTRY");
        assertThat(events.get(15).sequence()).isEqualTo(15L);
    }

    @Nested
    class Idempotency {

        @Test
        void registeringTheSameProgrammeTwiceAnswersTheSameAndAppendsNothing() {
            Map<String, Object> body = programme("prog-idem", TODAY.minusDays(30));
            Response first = post("/api/v1/programmes", body);
            Optional<Long> sequence = lastSequence("prog-idem");
            Response second = post("/api/v1/programmes", body);

            assertThat(second.status()).isEqualTo(first.status()).isEqualTo(201);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(lastSequence("prog-idem")).isEqualTo(sequence).contains(0L);
        }

        @Test
        void aTakenProgrammeIdWithOtherDetailsIsAConflictShowingWhatIsStored() {
            post("/api/v1/programmes", programme("prog-clash", TODAY.minusDays(30)));
            Map<String, Object> other = new HashMap<>(programme("prog-clash", TODAY.minusDays(30)));
            other.put("name", "Another name");

            Response clash = post("/api/v1/programmes", other);

            assertThat(clash.status()).isEqualTo(409);
            assertThat(clash.contentType()).startsWith("application/problem+json");
            assertThat(clash.body().path("stored").path("name").asText()).isEqualTo("Balint groups for residents");
            assertThat(lastSequence("prog-clash")).contains(0L);
        }

        @Test
        void formingTheSameGroupTwiceAppendsNothingAndAnotherDesignIsAConflict() {
            post("/api/v1/programmes", programme("prog-gidem", TODAY.minusDays(30)));
            Map<String, Object> body = group("g-idem", "prog-gidem", TODAY.minusDays(30));
            Response first = post("/api/v1/groups", body);
            Response again = post("/api/v1/groups", body);
            Map<String, Object> other = new HashMap<>(body);
            other.put("design", design(20));
            Response clash = post("/api/v1/groups", other);

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(clash.status()).isEqualTo(409);
            assertThat(clash.body().path("stored").path("design").path("plannedSize").asInt()).isEqualTo(10);
            assertThat(lastSequence("g-idem")).contains(0L);
        }

        @Test
        void repeatingASessionAppendsNothingAndOtherDetailsUnderItsIdAreAConflict() {
            givenGroupWithMembers("prog-sidem", "g-sidem", 40, "p-aa01", "p-bb02");
            Map<String, Object> body = session("s-1", 5, List.of(attendance("p-aa01", "PRESENT"),
                    attendance("p-bb02", "ABSENT")), List.of());
            Response first = post("/api/v1/groups/g-sidem/sessions", body);
            Optional<Long> sequence = lastSequence("g-sidem");
            Response again = post("/api/v1/groups/g-sidem/sessions", body);
            Map<String, Object> other = new HashMap<>(body);
            other.put("durationMinutes", 60);
            Response clash = post("/api/v1/groups/g-sidem/sessions", other);

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(clash.status()).isEqualTo(409);
            assertThat(clash.body().path("stored").path("durationMinutes").asInt()).isEqualTo(90);
            assertThat(lastSequence("g-sidem")).isEqualTo(sequence);
        }

        @Test
        void repeatingEnrolmentsCorrectionsWithdrawalsAndVoidsAppendsNothing() {
            givenGroupWithMembers("prog-midem", "g-midem", 40, "p-aa01", "p-bb02");
            Map<String, Object> body = session("s-1", 5, List.of(attendance("p-aa01", "PRESENT"),
                    attendance("p-bb02", "PRESENT")), List.of());
            post("/api/v1/groups/g-midem/sessions", body);
            Map<String, Object> correction = new HashMap<>(body);
            correction.remove("sessionId");
            correction.put("correctionId", "fix-1");
            correction.put("durationMinutes", 80);
            assertThat(post("/api/v1/groups/g-midem/sessions/s-1/corrections", correction).status()).isEqualTo(201);
            assertThat(post("/api/v1/groups/g-midem/sessions/s-1/void", Map.of("reason", "WRONG_GROUP")).status())
                    .isEqualTo(200);
            String withdrawal = "/api/v1/groups/g-midem/members/p-bb02?withdrewOn=" + TODAY.minusDays(2);
            assertThat(delete(withdrawal).status()).isEqualTo(200);
            Optional<Long> sequence = lastSequence("g-midem");

            assertThat(put("/api/v1/groups/g-midem/members/p-aa01",
                    Map.of("enrolledOn", TODAY.minusDays(40).toString())).status()).isEqualTo(200);
            assertThat(post("/api/v1/groups/g-midem/sessions/s-1/corrections", correction).status()).isEqualTo(201);
            assertThat(post("/api/v1/groups/g-midem/sessions/s-1/void", Map.of("reason", "WRONG_GROUP")).status())
                    .isEqualTo(200);
            assertThat(delete(withdrawal).status()).isEqualTo(200);
            assertThat(lastSequence("g-midem")).isEqualTo(sequence);

            Response enrolClash = put("/api/v1/groups/g-midem/members/p-aa01",
                    Map.of("enrolledOn", TODAY.minusDays(39).toString()));
            assertThat(enrolClash.status()).isEqualTo(409);
            assertThat(enrolClash.body().path("stored").path("enrolledOn").asText())
                    .isEqualTo(TODAY.minusDays(40).toString());
            correction.put("durationMinutes", 70);
            Response correctionClash = post("/api/v1/groups/g-midem/sessions/s-1/corrections", correction);
            assertThat(correctionClash.status()).isEqualTo(409);
            assertThat(correctionClash.body().path("stored").path("durationMinutes").asInt()).isEqualTo(80);
            Response voidClash = post("/api/v1/groups/g-midem/sessions/s-1/void", Map.of("reason", "DUPLICATE_ENTRY"));
            assertThat(voidClash.status()).isEqualTo(409);
            assertThat(voidClash.body().path("stored").path("reason").asText()).isEqualTo("WRONG_GROUP");
            assertThat(lastSequence("g-midem")).isEqualTo(sequence);
        }
    }

    @Nested
    class BadInput {

        private Map<String, Object> validSession() {
            return session("s-bad", 3, List.of(attendance("p-aa01", "PRESENT"), attendance("p-bb02", "PRESENT")),
                    List.of());
        }

        private Response recordInBadGroup(Object body) {
            givenGroupWithMembers("prog-bad", "g-bad", 30, "p-aa01", "p-bb02");
            return post("/api/v1/groups/g-bad/sessions", body);
        }

        private void assertProblem(Response response, int status, String field, String rule) {
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.firstError().path("field").asText()).isEqualTo(field);
            assertThat(response.firstError().path("rule").asText()).isEqualTo(rule);
            assertThat(lastSequence("g-bad")).contains(2L);
        }

        @Test
        void anUnknownFieldIsRefusedAndNothingIsStored() {
            Map<String, Object> body = validSession();
            body.put("patientName", "anything");
            assertProblem(recordInBadGroup(body), 400, "patientName", "unknown-field");
        }

        @Test
        void aValueOfTheWrongTypeIsRefusedAndNothingIsStored() {
            Map<String, Object> body = validSession();
            body.put("durationMinutes", "ninety");
            assertProblem(recordInBadGroup(body), 400, "durationMinutes", "wrong-type");
        }

        @Test
        void aMissingFieldIsRefusedAndNothingIsStored() {
            Map<String, Object> body = validSession();
            body.remove("heldOn");
            assertProblem(recordInBadGroup(body), 400, "heldOn", "not-null");
        }

        @Test
        void aSessionInTheFutureIsRefusedAndNothingIsStored() {
            Map<String, Object> body = validSession();
            body.put("heldOn", TODAY.plusDays(3).toString());
            assertProblem(recordInBadGroup(body), 422, "heldOn", "not-in-future");
        }

        @Test
        void aGroupFormedInTheFutureIsRefusedNamingTheFieldAndNothingIsStored() {
            post("/api/v1/programmes", programme("prog-future", TODAY.minusDays(10)));
            Response response = post("/api/v1/groups", group("g-future", "prog-future", TODAY.plusDays(1)));
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.firstError().path("field").asText()).isEqualTo("formedOn");
            assertThat(response.firstError().path("rule").asText()).isEqualTo("not-in-future");
            assertThat(lastSequence("g-future")).isEmpty();
        }

        @Test
        void anEnrolmentInTheFutureIsRefusedAndNothingIsStored() {
            givenGroupWithMembers("prog-bad", "g-bad", 30, "p-aa01", "p-bb02");
            Response response = put("/api/v1/groups/g-bad/members/p-cc03",
                    Map.of("enrolledOn", TODAY.plusDays(1).toString()));
            assertProblem(response, 422, "enrolledOn", "not-in-future");
        }

        @Test
        void aDesignChangeBefore1950IsRefusedAndNothingIsStored() {
            givenGroupWithMembers("prog-bad", "g-bad", 30, "p-aa01", "p-bb02");
            Response response = post("/api/v1/groups/g-bad/design-changes",
                    Map.of("effectiveFrom", "1949-12-31", "design", design(12)));
            assertProblem(response, 422, "effectiveFrom", "not-before-1950");
        }

        @Test
        void aProgrammeStartingMoreThanTwoYearsAheadIsRefusedAndNothingIsStored() {
            Response response = post("/api/v1/programmes", programme("prog-far", TODAY.plusYears(2).plusDays(1)));
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.firstError().path("field").asText()).isEqualTo("startsOn");
            assertThat(response.firstError().path("rule").asText()).isEqualTo("not-too-far-ahead");
            assertThat(lastSequence("prog-far")).isEmpty();
        }

        @Test
        void aProgrammeNameWithMarkupOrALineBreakIsRefusedAndNothingIsStored() {
            for (String name : List.of("<b>Residents</b>", "Residents\n2026", "Residents\u2028 2026")) {
                Map<String, Object> body = new java.util.HashMap<>(programme("prog-markup", TODAY.minusDays(10)));
                body.put("name", name);
                Response response = post("/api/v1/programmes", body);
                assertThat(response.status()).as(name).isEqualTo(400);
                assertThat(response.firstError().path("field").asText()).isEqualTo("name");
            }
            assertThat(lastSequence("prog-markup")).isEmpty();
        }

        @Test
        void attendanceForANonMemberIsRefusedAndNothingIsStored() {
            Map<String, Object> body = validSession();
            body.put("attendance", List.of(attendance("p-aa01", "PRESENT"), attendance("p-bb02", "PRESENT"),
                    attendance("p-zz99", "PRESENT")));
            assertProblem(recordInBadGroup(body), 422, "attendance[2].participantId", "attendee-is-member");
        }

        @Test
        void anUnknownCaseThemeIsRefusedAndNothingIsStored() {
            Map<String, Object> body = validSession();
            body.put("cases", List.of(aCase("c-1", "p-aa01", List.of("PATIENT_IS_MY_NEIGHBOUR"), null)));
            assertProblem(recordInBadGroup(body), 400, "cases[0].themes[0]", "wrong-type");
        }

        @Test
        void aSessionBeforeTheProgrammeStartsIsRefused() {
            post("/api/v1/programmes", programme("prog-late", TODAY.minusDays(10)));
            post("/api/v1/groups", group("g-early", "prog-late", TODAY.minusDays(20)));
            Response response = post("/api/v1/groups/g-early/sessions",
                    session("s-1", 15, List.of(), List.of()));
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.firstError().path("rule").asText()).isEqualTo("not-before-programme-start");
            assertThat(lastSequence("g-early")).contains(0L);
        }

        @Test
        void aParticipantIdThatLooksLikeANameIsEnrolledOnlyUnderItsPseudonym() {
            givenGroupWithMembers("prog-named", "g-named", 30, "p-aa01");
            Response response = put("/api/v1/groups/g-named/members/John.Smith",
                    Map.of("enrolledOn", TODAY.minusDays(1).toString()));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().path("participantId").asText()).isEqualTo("John.Smith");
            assertThat(get("/api/v1/groups/g-named").body().path("members")).extracting(m -> m.path("participantId").asText())
                    .contains(pseudonym("John.Smith")).doesNotContain("John.Smith");
        }

        @Test
        void anIdThatLooksLikeAHospitalNumberIsRefusedNamingTheField() {
            post("/api/v1/programmes", programme("prog-ids", TODAY.minusDays(10)));
            Response response = post("/api/v1/groups", group("dr.house.mrn00123456", "prog-ids", TODAY.minusDays(10)));
            assertProblem(response, 400, "groupId", "pseudonymous-id");
        }

        @Test
        void anInvalidDesignIsRefusedNamingTheField() {
            post("/api/v1/programmes", programme("prog-design", TODAY.minusDays(10)));
            Map<String, Object> body = new HashMap<>(group("g-design", "prog-design", TODAY.minusDays(10)));
            body.put("design", Map.of("plannedSize", 40, "meetingFrequency", "WEEKLY", "sessionMinutes", 90,
                    "format", "VIRTUAL", "facilitation", Map.of("style", "CLASSIC_BALINT", "leaders", 1,
                            "leaderBackgrounds", List.of("GP"), "accreditedLeader", false)));
            Response response = post("/api/v1/groups", body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.firstError().path("field").asText()).isEqualTo("design.plannedSize");
            assertThat(lastSequence("g-design")).isEmpty();
        }

        @Test
        void aMissingWithdrawalDateIsRefusedNamingTheParameter() {
            givenGroupWithMembers("prog-bad", "g-bad", 30, "p-aa01", "p-bb02");
            assertProblem(delete("/api/v1/groups/g-bad/members/p-aa01"), 400, "withdrewOn", "not-null");
        }

        @Test
        void aGroupThatWasNeverFormedIsNotFound() {
            Response response = post("/api/v1/groups/g-nowhere/sessions", validSession());
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }

        @Test
        void programmesAndGroupsCannotShareAnId() {
            post("/api/v1/programmes", programme("shared-id", TODAY.minusDays(10)));
            post("/api/v1/programmes", programme("prog-owner", TODAY.minusDays(10)));

            Response group = post("/api/v1/groups", group("shared-id", "prog-owner", TODAY.minusDays(10)));
            Response enrol = put("/api/v1/groups/shared-id/members/p-aa01",
                    Map.of("enrolledOn", TODAY.minusDays(1).toString()));

            assertThat(group.status()).isEqualTo(422);
            assertThat(group.firstError().path("rule").asText()).isEqualTo("id-not-used-by-programme");
            assertThat(enrol.status()).isEqualTo(404);
            assertThat(lastSequence("shared-id")).contains(0L);

            post("/api/v1/groups", group("g-shared", "prog-owner", TODAY.minusDays(10)));
            Response programme = post("/api/v1/programmes", programme("g-shared", TODAY.minusDays(10)));
            assertThat(programme.status()).isEqualTo(422);
            assertThat(programme.firstError().path("rule").asText()).isEqualTo("id-not-used-by-group");
            assertThat(lastSequence("g-shared")).contains(0L);
        }

        @Test
        void aRequestWithoutAKeyIsUnauthenticated() {
            Response response = send("GET", "/api/v1/groups/g-bad", null, null, "application/json");
            assertThat(response.status()).isEqualTo(401);
        }

        @Test
        void aKeyWithoutAnInstitutionCannotWriteGroupData() {
            Response response = send("POST", "/api/v1/programmes", programme("prog-x", TODAY), RESEARCHER_KEY,
                    "application/json");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theOpenApiPageDescribesTheGroupApi() {
        Response response = get("/api/v1/group-service/openapi");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("paths").has("/api/v1/groups/{groupId}/sessions/{sessionId}/corrections"))
                .isTrue();
        assertThat(response.body().path("paths").has("/api/v1/batch")).isTrue();
    }
}
