package org.balintobservatory.survey;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.survey.unit.KnownUnits;
import org.balintobservatory.survey.unit.UnitProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waiting for a programme not known yet is fair between schools: one school's responses naming a programme
 * that never comes hold only that school's turns, and another school's response for a programme registered
 * a moment ago still waits for it and is accepted. The order is set by what the service reports (how many
 * responses of a school wait), not by sleeps; the wait itself is long here, so that nothing in the test
 * depends on how fast the machine is, and the flood is released at the end by publishing its programme.
 */
@TestPropertySource(properties = "balint.survey.units.wait-for-unknown=120s")
class FairWaitingIT extends SurveyServiceTestSupport {

    private static final int FLOOD = 16;
    private static final String LATE = "late-programme";
    private static final String JUST_REGISTERED = "just-registered";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Autowired
    KnownUnits units;

    @Autowired
    UnitProperties properties;

    @Test
    void oneSchoolWaitingForAProgrammeThatDoesNotComeLeavesAnotherSchoolsResponseItsTurnToWait() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        try {
            for (int i = 0; i < FLOOD; i++) {
                flood.add(submitAsync(SCHOOL_KEY, "r-fair-a-" + i, "p-fair-a-" + i, LATE));
            }
            await().atMost(SETTLE).until(() -> units.waiting(SCHOOL) > 0
                    && units.waiting(SCHOOL) + flood.stream().filter(CompletableFuture::isDone).count() == FLOOD);

            CompletableFuture<HttpResponse<String>> other = submitAsync(OTHER_SCHOOL_KEY, "r-fair-b-1", "p-fair-b", JUST_REGISTERED);
            await().atMost(SETTLE).until(() -> units.waiting(OTHER_SCHOOL) == 1 || other.isDone());
            publish(List.of(programme(OTHER_SCHOOL, JUST_REGISTERED)));

            created(other.get());
            List<HttpResponse<String>> turnedAway = flood.stream().filter(CompletableFuture::isDone)
                    .map(CompletableFuture::join).toList();
            assertThat(turnedAway).as("the flooding school's responses beyond its turns").hasSize(FLOOD - properties.waitSlotsPerInstitution());
            for (HttpResponse<String> answer : turnedAway) {
                JsonNode problem = assertProblem(answer, 503, "not-known-yet");
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
                assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("programmeId");
            }
        } finally {
            publish(List.of(programme(SCHOOL, LATE)));
            CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(units.waiting(SCHOOL)).isZero();
    }

    private CompletableFuture<HttpResponse<String>> submitAsync(String key, String responseId, String participantId,
                                                            String programmeId) throws Exception {
        Map<String, Object> body = submission(responseId, participantId, "pss-10-style", Timepoint.BASELINE,
                allItems(10, 2));
        body.put("programmeId", programmeId);
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/survey-responses"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ProgrammeRegisteredEvent programme(String institution, String programmeId) {
        return new ProgrammeRegisteredEvent(institution, programmeId, "Balint groups for GP trainees 2026",
                ParticipantType.RESIDENT, Arm.INTERVENTION, "FR", LocalDate.of(2025, 9, 1), null);
    }
}
