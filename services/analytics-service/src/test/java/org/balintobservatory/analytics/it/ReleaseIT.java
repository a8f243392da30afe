package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Researchers analyse data releases. The attacks: comparing a unit before and after one participant's
 * consent withdrawal (n 6 → 5), or one corrected score (n 6 → 6), gave that person's scores; a release
 * holds such a change back until the unit has changed in at least the minimum cell size of participants.
 */
class ReleaseIT extends AnalyticsIntegrationTest {

    private static final String INSTITUTION = "it-release";
    private static final String CORRECTED = "it-corrected";
    private static final String UNPUBLISHED = "it-unpublished";
    private static final String GROUP_UNITS = "/api/v1/analytics/units?level=group&instrument=jse-style";
    private static final String GROUP_ROWS = "/api/v1/analytics/comparison?unit=group&instrument=jse-style";

    @Test
    void aWithdrawalIsNotVisibleUntilEnoughHasChanged() {
        EventStream stream = groupOfSix(INSTITUTION, "r", i -> 100 + 5 * i, i -> 103 + 4 * i);
        publish(stream.drain());
        JsonNode first = releaseWhenCaughtUp();
        JsonNode before = ownGroup(first.path("name").asText());
        assertThat(before.path("n").asLong()).isEqualTo(6);

        // One participant withdraws consent: both of their responses are retracted.
        stream.retract("r-p5-pre", "r-p5", Timepoint.BASELINE, RetractionReason.CONSENT_WITHDRAWN)
                .retract("r-p5-post", "r-p5", Timepoint.POST, RetractionReason.CONSENT_WITHDRAWN);
        publish(stream.drain());
        JsonNode second = releaseWhenCaughtUp();

        assertThat(second.path("heldBack").asLong()).isPositive();
        JsonNode after = ownGroup(second.path("name").asText());
        assertThat(after.path("n").asLong()).as("the group as the new release publishes it").isEqualTo(6);
        assertThat(after.path("heldBack").asText()).startsWith("held back since the last release");
        assertThat(before.path("heldBack").isNull()).as("nothing was held in the first release").isTrue();
        JsonNode rest = ((ObjectNode) after.deepCopy()).without("heldBack");
        assertThat(rest).as("everything else as the first release published it")
                .isEqualTo(((ObjectNode) before.deepCopy()).without("heldBack"));
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

    /**
     * The attack seen: release, correct one response's score (90 → 130), release again, and the group's row
     * went from n = 6, yi = 4.494 to n = 6, yi = 7.490 — the same people, one person's change. A release
     * compares whose values changed, not only who is counted, and holds the group back, saying so.
     */
    @Test
    void aCorrectedScoreIsNotVisibleUntilEnoughHasChanged() {
        EventStream stream = groupOfSix(CORRECTED, "c", i -> 80 + 3 * i, i -> i == 5 ? 90 : 88 + 4 * i);
        publish(stream.drain());
        String first = releaseWhenCaughtUp().path("name").asText();
        JsonNode rowBefore = row(CORRECTED, first);
        JsonNode unitBefore = unit(CORRECTED, first);
        assertThat(rowBefore.path("n").asLong()).isEqualTo(6);
        assertThat(rowBefore.hasNonNull("heldBack")).as("nothing was held in the first release").isFalse();

        // The school corrects one participant's post score, as the survey service's correction endpoint does.
        stream.correctSurvey("c-p5-post", "c-p5", "prog-c", "grp-c", Timepoint.POST, 130);
        publish(stream.drain());
        String second = releaseWhenCaughtUp().path("name").asText();

        JsonNode rowAfter = row(CORRECTED, second);
        assertThat(rowAfter.path("yi").asDouble()).as("the group's effect as the new release publishes it")
                .isEqualTo(rowBefore.path("yi").asDouble());
        assertThat(rowAfter.path("vi").asDouble()).isEqualTo(rowBefore.path("vi").asDouble());
        assertThat(rowAfter.path("n").asLong()).isEqualTo(6);
        assertThat(rowAfter.path("heldBack").asText()).startsWith("held back since the last release");
        JsonNode unitAfter = unit(CORRECTED, second);
        assertThat(unitAfter.path("correlation")).isEqualTo(unitBefore.path("correlation"));
        assertThat(unitAfter.path("heldBack").asText()).startsWith("held back since the last release");
    }

    /**
     * What was seen: 32 groups with pairs, 30 shown, {@code suppressedUnits} 1. A group that a release holds back
     * before any release published it (new, with fewer than the minimum cell size of participants) has no
     * figures to show and was counted nowhere; every answer now counts it among the units withheld, by reason.
     */
    @Test
    void aGroupHeldBackBeforeAnyReleasePublishedItIsCountedAsWithheld() {
        EventStream stream = groupOfSix(UNPUBLISHED, "u", i -> 90 + i, i -> 95 + 2 * i);
        publish(stream.drain());
        String first = releaseWhenCaughtUp().path("name").asText();
        JsonNode unitsBefore = get(GROUP_UNITS + "&release=" + first, RESEARCHER_KEY).body();
        JsonNode rowsBefore = get(GROUP_ROWS + "&release=" + first, RESEARCHER_KEY).body();

        // A second group of the same programme gets its first three pairs.
        stream.group("grp-u2", "prog-u", "u2-p0", "u2-p1", "u2-p2");
        for (int i = 0; i < 3; i++) {
            stream.survey("u2-p" + i + "-pre", "u2-p" + i, "prog-u", "grp-u2", Timepoint.BASELINE, 100 + i)
                    .survey("u2-p" + i + "-post", "u2-p" + i, "prog-u", "grp-u2", Timepoint.POST, 104 + i);
        }
        publish(stream.drain());
        String second = releaseWhenCaughtUp().path("name").asText();
        JsonNode unitsAfter = get(GROUP_UNITS + "&release=" + second, RESEARCHER_KEY).body();
        JsonNode rowsAfter = get(GROUP_ROWS + "&release=" + second, RESEARCHER_KEY).body();

        assertThat(unitsAfter.path("total").asInt()).as("groups shown").isEqualTo(unitsBefore.path("total").asInt());
        assertThat(unitsAfter.path("withheld").asInt()).as("groups withheld")
                .isEqualTo(unitsBefore.path("withheld").asInt() + 1);
        assertThat(unitsAfter.path("withheldUnits").path("heldBack").asInt())
                .isEqualTo(unitsBefore.path("withheldUnits").path("heldBack").asInt() + 1);
        assertThat(rowsAfter.path("k").asInt()).isEqualTo(rowsBefore.path("k").asInt());
        assertThat(rowsAfter.path("suppressedUnits").asInt()).isEqualTo(rowsBefore.path("suppressedUnits").asInt() + 1);
        assertThat(rowsAfter.path("withheldUnits").path("heldBack").asInt())
                .isEqualTo(rowsBefore.path("withheldUnits").path("heldBack").asInt() + 1);
        for (JsonNode answer : List.of(unitsAfter, rowsAfter)) {
            JsonNode reasons = answer.path("withheldUnits");
            assertThat(reasons.path("belowThreshold").asInt() + reasons.path("secondary").asInt()
                    + reasons.path("heldBack").asInt()).as("the reasons add up to the units withheld")
                    .isEqualTo(reasons.path("total").asInt())
                    .isEqualTo(answer.path(answer.has("withheld") ? "withheld" : "suppressedUnits").asInt());
        }
    }

    @Test
    void researchersGetNoAnswerFromAReleaseThatDoesNotExist() {
        assertThat(get("/api/v1/analytics/overview?release=no-such-release", RESEARCHER_KEY).status()).isEqualTo(404);
        assertThat(post("/api/v1/analytics/admin/releases", RESEARCHER_KEY).status()).isEqualTo(403);
    }

    /**
     * One programme {@code prog-<tag>} with one group {@code grp-<tag>} of six participants {@code <tag>-p0} …
     * {@code <tag>-p5}, each with a baseline and a post response ({@code <participant>-pre}, {@code -post}).
     */
    private static EventStream groupOfSix(String institution, String tag, IntToDoubleFunction baseline,
                                          IntToDoubleFunction post) {
        String programme = "prog-" + tag;
        String group = "grp-" + tag;
        EventStream stream = new EventStream(institution).programme(programme, Arm.INTERVENTION);
        List<String> roster = IntStream.range(0, 6).mapToObj(i -> tag + "-p" + i).toList();
        stream.group(group, programme, roster.toArray(String[]::new));
        for (int i = 0; i < roster.size(); i++) {
            String participant = roster.get(i);
            stream.survey(participant + "-pre", participant, programme, group, Timepoint.BASELINE, baseline.applyAsDouble(i));
            stream.survey(participant + "-post", participant, programme, group, Timepoint.POST, post.applyAsDouble(i));
        }
        return stream;
    }

    private JsonNode ownGroup(String release) {
        return unit(INSTITUTION, release);
    }

    /** The institution's one group as a researcher's {@code /units} lists it from the release. */
    private JsonNode unit(String institution, String release) {
        return ofInstitution(institution, release, "/api/v1/analytics/units?level=group&instrument=jse-style", "units");
    }

    /** The institution's one group as a researcher's comparison rows show it from the release. */
    private JsonNode row(String institution, String release) {
        return ofInstitution(institution, release, "/api/v1/analytics/comparison?unit=group&instrument=jse-style",
                "rows");
    }

    private JsonNode ofInstitution(String institution, String release, String question, String list) {
        JsonNode answer = get(question + "&release=" + release, RESEARCHER_KEY).body();
        assertThat(answer.path("release").asText()).isEqualTo(release);
        for (JsonNode entry : answer.path(list)) {
            if (institution.equals(entry.path("institutionId").asText())) {
                return entry;
            }
        }
        throw new AssertionError("nothing of " + institution + " in " + answer);
    }
}
