package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Researchers analyse data releases. The attack: comparing a unit before and after one participant's
 * consent withdrawal (n 6 → 5) gave that person's scores; a release holds such a change back until the
 * unit has changed by at least the minimum cell size.
 */
class ReleaseIT extends AnalyticsIntegrationTest {

    private static final String INSTITUTION = "it-release";

    @Test
    void aWithdrawalIsNotVisibleUntilEnoughHasChanged() {
        EventStream stream = new EventStream(INSTITUTION).programme("prog-r", Arm.INTERVENTION);
        List<String> roster = IntStream.range(0, 6).mapToObj(i -> "rel-p" + i).toList();
        stream.group("grp-r", "prog-r", roster.toArray(String[]::new));
        for (int i = 0; i < roster.size(); i++) {
            stream.survey(roster.get(i) + "-pre", roster.get(i), "prog-r", "grp-r", Timepoint.BASELINE, 100 + 5 * i);
            stream.survey(roster.get(i) + "-post", roster.get(i), "prog-r", "grp-r", Timepoint.POST, 103 + 4 * i);
        }
        publish(stream.drain());
        JsonNode first = releaseWhenCaughtUp();
        JsonNode before = ownGroup(first.path("name").asText());
        assertThat(before.path("n").asLong()).isEqualTo(6);

        // One participant withdraws consent: both of their responses are retracted.
        stream.retract("rel-p5-pre", "rel-p5", Timepoint.BASELINE, RetractionReason.CONSENT_WITHDRAWN)
                .retract("rel-p5-post", "rel-p5", Timepoint.POST, RetractionReason.CONSENT_WITHDRAWN);
        publish(stream.drain());
        JsonNode second = releaseWhenCaughtUp();

        assertThat(second.path("heldBack").asLong()).isPositive();
        JsonNode after = ownGroup(second.path("name").asText());
        assertThat(after.path("n").asLong()).as("the group as the new release publishes it").isEqualTo(6);
        assertThat(after).isEqualTo(before);
        // The earlier release still answers exactly as it did, and every answer names its release.
        JsonNode again = get("/api/v1/analytics/units?level=group&instrument=jse-style&release="
                + first.path("name").asText(), RESEARCHER_KEY).body();
        assertThat(again.path("release").asText()).isEqualTo(first.path("name").asText());
        JsonNode comparison = get("/api/v1/analytics/comparison?instrument=jse-style", RESEARCHER_KEY).body();
        assertThat(comparison.path("release").asText()).isEqualTo(second.path("name").asText());
        assertThat(comparison.path("logPosition")).isEqualTo(second.path("logPosition"));
        // As of a day: the last release cut on or before it; none before the first.
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(get("/api/v1/analytics/comparison?instrument=jse-style&release=" + today, RESEARCHER_KEY).body()
                .path("release").asText()).isEqualTo(second.path("name").asText());
        assertThat(get("/api/v1/analytics/comparison?instrument=jse-style&release=2000-01-01", RESEARCHER_KEY)
                .status()).isEqualTo(404);
    }

    @Test
    void researchersGetNoAnswerFromAReleaseThatDoesNotExist() {
        assertThat(get("/api/v1/analytics/overview?release=no-such-release", RESEARCHER_KEY).status()).isEqualTo(404);
        assertThat(post("/api/v1/analytics/admin/releases", RESEARCHER_KEY).status()).isEqualTo(403);
    }

    private JsonNode ownGroup(String release) {
        JsonNode answer = get("/api/v1/analytics/units?level=group&instrument=jse-style&release=" + release,
                RESEARCHER_KEY).body();
        assertThat(answer.path("release").asText()).isEqualTo(release);
        for (JsonNode unit : answer.path("units")) {
            if (INSTITUTION.equals(unit.path("institutionId").asText())) {
                return unit;
            }
        }
        throw new AssertionError("no unit of " + INSTITUTION + " in " + answer);
    }
}
