package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.SessionCorrectedEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.pseudonym.Pseudonyms;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.balintobservatory.analytics.readmodel.EventStream.START;

/**
 * Events through the real broker into the real store: duplicates, a session correction, a score
 * correction and a retraction, checked through the HTTP API.
 */
class AnalyticsProjectionIT extends AnalyticsIntegrationTest {

    /** The pseudonyms the group and survey services publish for the school's p-001, p-002 and p-003. */
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms(PSEUDONYM_SECRET);
    private static final String P1 = PSEUDONYMS.of(SCHOOL, "p-001");
    private static final String P2 = PSEUDONYMS.of(SCHOOL, "p-002");
    private static final String P3 = PSEUDONYMS.of(SCHOOL, "p-003");
    private static final List<String> ROSTER = List.of(P1, P2, P3);

    @Test
    void readModelsCountEveryAcceptedEventOnceAndApplyCorrections() {
        EventStream stream = new EventStream(SCHOOL)
                .programme("prog-it", Arm.INTERVENTION)
                .group("grp-it", "prog-it", ROSTER.toArray(String[]::new))
                .session("grp-it", "s-1", START.plusDays(7), ROSTER, List.of(P1, P2), CaseTheme.END_OF_LIFE)
                .session("grp-it", "s-2", START.plusDays(14), ROSTER, ROSTER, CaseTheme.BOUNDARIES)
                .survey("r-1-pre", P1, "prog-it", "grp-it", Timepoint.BASELINE, 100)
                .survey("r-2-pre", P2, "prog-it", "grp-it", Timepoint.BASELINE, 110)
                .survey("r-3-pre", P3, "prog-it", "grp-it", Timepoint.BASELINE, 120)
                .survey("r-1-post", P1, "prog-it", "grp-it", Timepoint.POST, 104)
                .survey("r-2-post", P2, "prog-it", "grp-it", Timepoint.POST, 118)
                .survey("r-3-post", P3, "prog-it", "grp-it", Timepoint.POST, 121);
        List<ConsumedEvent> first = stream.drain();
        stream.add("grp-it", new SessionCorrectedEvent(SCHOOL, "grp-it", "s-1", "fix-1", START.plusDays(7), 90,
                SessionFormat.IN_PERSON, 2,
                List.of(new AttendanceEntry(P1, AttendanceStatus.PRESENT),
                        new AttendanceEntry(P2, AttendanceStatus.EXCUSED),
                        new AttendanceEntry(P3, AttendanceStatus.PRESENT)), List.of()));
        stream.correctSurvey("r-1-post", P1, "prog-it", "grp-it", Timepoint.POST, 108);
        stream.retract("r-2-pre", P2, Timepoint.BASELINE, RetractionReason.ENTERED_IN_ERROR);
        List<ConsumedEvent> second = stream.drain();

        List<ConsumedEvent> withDuplicates = new ArrayList<>(first);
        withDuplicates.addAll(first.subList(0, 8));
        withDuplicates.addAll(second);
        withDuplicates.addAll(first.subList(10, first.size()));
        withDuplicates.addAll(second);
        publish(withDuplicates);

        await().atMost(Patience.scaled(Duration.ofSeconds(60))).untilAsserted(() -> {
            assertThat(unit("group", SCHOOL + "/grp-it").path("n").asLong()).isEqualTo(2);
            assertThat(get("/api/v1/analytics/groups/grp-it", SCHOOL_KEY).body().path("casesPresented").asInt())
                    .isEqualTo(1);
        });

        JsonNode group = get("/api/v1/analytics/groups/grp-it", SCHOOL_KEY).body();
        assertThat(group.path("sessionsHeld").asInt()).isEqualTo(2);
        assertThat(group.path("present").asInt()).isEqualTo(5);
        assertThat(group.path("excused").asInt()).isEqualTo(1);
        assertThat(group.path("meanAttendancePerSession").asDouble()).isEqualTo(2.5);
        assertThat(group.path("themeCounts").path("BOUNDARIES").asInt()).isEqualTo(1);
        assertThat(group.path("themeCounts").hasNonNull("END_OF_LIFE")).isFalse();
        assertThat(group.path("design").path("facilitation").path("style").asText()).isEqualTo("CLASSIC_BALINT");
        // Every partition is stated, including those this test wrote nothing to.
        assertThat(group.path("logPosition").size()).isEqualTo(6);

        JsonNode participant = get("/api/v1/analytics/participants/p-002", SCHOOL_KEY).body();
        assertThat(participant.path("participantId").asText()).as("the school's own id").isEqualTo("p-002");
        assertThat(participant.path("groups").path(0).path("sessionsAttended").asInt()).isEqualTo(1);
        assertThat(participant.path("groups").path(0).path("arm").asText()).isEqualTo("INTERVENTION");
        assertThat(participant.path("scores")).hasSize(1);

        JsonNode unit = unit("group", SCHOOL + "/grp-it");
        assertThat(unit.path("meanFrom").asDouble()).isCloseTo(110, within(1e-9));
        assertThat(unit.path("meanTo").asDouble()).isCloseTo(114.5, within(1e-9));
        assertThat(unit.path("moderators").path("plannedSize").asDouble()).isEqualTo(8);
        assertThat(unit.path("moderators").path("arm").asText()).isEqualTo("INTERVENTION");
        assertThat(unit.path("moderators").path("country").asText()).isEqualTo("HU");

        JsonNode institution = unit("institution", SCHOOL);
        assertThat(institution.path("n").asLong()).isEqualTo(2);
        assertThat(institution.path("unitId").asText()).isEqualTo(SCHOOL);

        // Two pairs are too few to show outside the school: the release holds the unit back from researchers.
        assertThat(releaseWhenCaughtUp().path("heldBack").asLong()).as("a unit new with two pairs").isPositive();
        JsonNode researcher = get("/api/v1/analytics/units?level=group&instrument=jse-style", RESEARCHER_KEY).body();
        assertThat(researcher.path("units").findValuesAsText("unitId")).doesNotContain(SCHOOL + "/grp-it");
    }

    @Test
    void participantsAreShownOnlyToTheirOwnSchool() {
        assertThat(get("/api/v1/analytics/participants/p-001", RESEARCHER_KEY).status()).isEqualTo(403);
        assertThat(get("/api/v1/analytics/units?instrument=jse-style&level=ward", RESEARCHER_KEY).status()).isEqualTo(422);
    }

    @Test
    void prometheusExposesLagRateAndReplayProgressToAnAdminKey() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI prometheus = java.net.URI.create("http://localhost:" + port + "/actuator/prometheus");
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(prometheus).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("without a key").isEqualTo(401);
        await().atMost(Patience.scaled(Duration.ofSeconds(30))).untilAsserted(() -> {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(prometheus)
                            .header("Authorization", "Bearer " + ADMIN_KEY).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("balint_analytics_consumer_lag{", "balint_analytics_events_rate",
                    "balint_analytics_replay_events_done", "balint_analytics_events_consumed_total");
        });
    }

    private JsonNode unit(String level, String unitId) {
        JsonNode answer = get("/api/v1/analytics/units?level=" + level
                + "&instrument=jse-style&scale=total&from=BASELINE&to=POST", SCHOOL_KEY).body();
        assertThat(answer.path("logPosition").size()).isEqualTo(6);
        for (JsonNode unit : answer.path("units")) {
            if (unit.path("unitId").asText().equals(unitId)) {
                return unit;
            }
        }
        return JSON.missingNode();
    }
}
