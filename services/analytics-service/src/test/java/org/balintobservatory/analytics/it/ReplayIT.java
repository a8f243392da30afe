package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.analytics.readmodel.ReadModelComparison;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.balintobservatory.analytics.readmodel.EventStream.START;

/** A rebuild from the start of the topics gives the read models the live consumer built event by event. */
class ReplayIT extends AnalyticsIntegrationTest {

    @Test
    void rebuiltReadModelsEqualTheIncrementallyBuiltOnes() {
        List<String> roster = List.of("r-001", "r-002", "r-003", "r-004");
        EventStream stream = new EventStream(REPLAY_SCHOOL)
                .programme("prog-replay", Arm.INTERVENTION)
                .programme("prog-control", Arm.CONTROL)
                .group("grp-replay", "prog-replay", roster.toArray(String[]::new));
        for (int week = 0; week < 6; week++) {
            stream.session("grp-replay", "rs-" + week, START.plusWeeks(week), roster, roster.subList(0, 2 + week % 3),
                    CaseTheme.values()[week]);
        }
        for (int i = 0; i < roster.size(); i++) {
            stream.survey("rr-pre-" + i, roster.get(i), "prog-replay", "grp-replay", Timepoint.BASELINE, 90 + 3 * i)
                    .survey("rr-post-" + i, roster.get(i), "prog-replay", "grp-replay", Timepoint.POST, 95 + 2 * i * i)
                    .survey("rc-pre-" + i, "c-00" + i, "prog-control", null, Timepoint.BASELINE, 91 + i)
                    .survey("rc-post-" + i, "c-00" + i, "prog-control", null, Timepoint.POST, 92 - i);
        }
        publish(stream.drain());
        Map<String, Long> end = endOffsets();
        await().atMost(Patience.scaled(Duration.ofSeconds(60))).untilAsserted(() ->
                assertThat(get("/api/v1/analytics/groups/grp-replay", REPLAY_SCHOOL_KEY).body().path("logPosition").toString())
                        .isEqualTo(JSON.valueToTree(end).toString()));

        int before = get("/api/v1/analytics/admin/replay", ADMIN_KEY).body().path("activeGeneration").asInt();
        Map<ReadModel, Map<String, Document>> incremental = ReadModelComparison.dump(database, before);

        assertThat(post("/api/v1/analytics/admin/replay", SCHOOL_KEY).status()).isEqualTo(403);
        Answer started = post("/api/v1/analytics/admin/replay", ADMIN_KEY);
        assertThat(started.status()).isEqualTo(202);
        await().atMost(Patience.scaled(Duration.ofSeconds(60))).untilAsserted(() ->
                assertThat(get("/api/v1/analytics/admin/replay", ADMIN_KEY).body().path("state").asText()).isEqualTo("COMPLETED"));

        JsonNode progress = get("/api/v1/analytics/admin/replay", ADMIN_KEY).body();
        assertThat(progress.path("activeGeneration").asInt()).isEqualTo(before + 1);
        assertThat(progress.path("eventsDone").asLong()).isGreaterThanOrEqualTo(progress.path("eventsTotal").asLong());
        assertThat(progress.path("eventsTotal").asLong()).isEqualTo(end.values().stream().mapToLong(Long::longValue).sum());
        Map<ReadModel, Map<String, Document>> rebuilt = ReadModelComparison.dump(database, before + 1);
        assertThat(rebuilt.get(ReadModel.UNIT_TABLES)).isNotEmpty();
        assertThat(rebuilt.get(ReadModel.INSTITUTION_TOTALS)).isNotEmpty();
        assertThat(ReadModelComparison.normalise(rebuilt)).isEqualTo(ReadModelComparison.normalise(incremental));
        assertThat(database.listCollectionNames().into(new java.util.ArrayList<>()))
                .noneMatch(name -> name.endsWith("_g" + before));

        // The live consumer now writes the new generation.
        publish(new EventStream(REPLAY_SCHOOL).group("grp-after", "prog-replay", "a-001").drain());
        await().atMost(Patience.scaled(Duration.ofSeconds(30))).untilAsserted(() ->
                assertThat(get("/api/v1/analytics/groups/grp-after", REPLAY_SCHOOL_KEY).body().path("generation").asInt())
                        .isEqualTo(before + 1));
    }
}
