package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.Timepoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cumulative analysis ordered by the month each unit reached its second timepoint, through the API: units
 * fed as events whose programmes started in one order and completed in another. Its own instrument keeps the
 * other tests' units out of its answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceOverTimeIT extends AnalyticsIntegrationTest {

    private static final String INSTRUMENT = "it-timeline";
    private static final String QUERY = "instrument=" + INSTRUMENT + "&scale=total&from=BASELINE&to=POST";

    @BeforeAll
    void feed() {
        EventStream a = new EventStream("it-timeline-a");
        // A long programme: started first, completed last.
        a.programme("prog-early", Arm.INTERVENTION, LocalDate.of(2025, 9, 1));
        group(a, "prog-early", LocalDate.of(2025, 9, 1), "grp-long", 6, LocalDate.of(2027, 3, 8), 1);
        // A short one: started last, completed first.
        a.programme("prog-late", Arm.INTERVENTION, LocalDate.of(2026, 1, 10));
        group(a, "prog-late", LocalDate.of(2026, 1, 10), "grp-quick", 6, LocalDate.of(2026, 6, 3), 3);
        publish(a.drain());
        // Completed before any other, but of four participants: in no step, its month nowhere. An institution of
        // its own, so that no visible unit contains it and secondary suppression has nothing to hide.
        EventStream c = new EventStream("it-timeline-c");
        c.programme("prog-small", Arm.INTERVENTION, LocalDate.of(2025, 8, 1));
        group(c, "prog-small", LocalDate.of(2025, 8, 1), "grp-tiny", 4, LocalDate.of(2026, 2, 17), 5);
        publish(c.drain());
        EventStream b = new EventStream("it-timeline-b");
        b.programme("prog-mid", Arm.INTERVENTION, LocalDate.of(2025, 11, 1));
        group(b, "prog-mid", LocalDate.of(2025, 11, 1), "grp-mid", 7, LocalDate.of(2026, 11, 23), 2);
        publish(b.drain());
        releaseWhenCaughtUp();
    }

    @Test
    void unitsAreAddedInTheMonthTheyReachedTheirSecondTimepointByDefault() {
        JsonNode byDefault = ok("/api/v1/analytics/cumulative?" + QUERY);
        JsonNode completion = ok("/api/v1/analytics/cumulative?" + QUERY + "&order=completion");

        assertThat(byDefault.path("order").asText()).isEqualTo("completion");
        assertThat(months(byDefault)).containsExactly("2026-06", "2026-11", "2027-03");
        assertThat(byDefault.path("steps")).isEqualTo(completion.path("steps"));
        assertThat(field(byDefault, "programmeStart")).containsExactly("2026-01-10", "2025-11-01", "2025-09-01");
        assertThat(field(byDefault, "participants")).containsExactly("6", "13", "19");
    }

    @Test
    void theProgrammeStartOrderIsStillThereForTheEvidenceByCohort() {
        JsonNode start = ok("/api/v1/analytics/cumulative?" + QUERY + "&order=start");

        assertThat(start.path("order").asText()).isEqualTo("start");
        assertThat(field(start, "programmeStart")).containsExactly("2025-09-01", "2025-11-01", "2026-01-10");
        assertThat(months(start)).containsExactly("2027-03", "2026-11", "2026-06");
    }

    @Test
    void theLastStepIsTheComparisonAndNoStepRevealsADayOrAUnitBelowTheThreshold() {
        JsonNode comparison = ok("/api/v1/analytics/comparison?" + QUERY);
        JsonNode answer = ok("/api/v1/analytics/cumulative?" + QUERY);

        JsonNode steps = answer.path("steps");
        assertThat(steps).hasSize(comparison.path("k").asInt()).hasSize(3);
        JsonNode last = steps.get(steps.size() - 1);
        assertThat(last.path("estimate").asDouble())
                .isCloseTo(comparison.path("overall").path("estimate").asDouble(), within(1e-9));
        // Below the threshold, or held back by the release while it is new and small: withheld either way.
        assertThat(answer.path("withheldUnits").path("total").asInt()).isEqualTo(1);
        assertThat(answer.path("suppressedUnits").asInt()).isEqualTo(1);
        assertThat(months(answer)).doesNotContain("2026-02");
        // Only months: no completion day of any response is in the answer.
        assertThat(answer.toString()).doesNotContain("2026-06-03", "2026-11-23", "2027-03-08", "2026-02-17");
    }

    @Test
    void anOrderThatIsNeitherIsRefusedNamingIt() {
        Answer answer = get("/api/v1/analytics/cumulative?" + QUERY + "&order=completed", RESEARCHER_KEY);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errors").toString()).contains("\"order\"");
    }

    private JsonNode ok(String path) {
        Answer answer = get(path, RESEARCHER_KEY);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        return answer.body();
    }

    private static List<String> months(JsonNode answer) {
        return field(answer, "completedIn");
    }

    private static List<String> field(JsonNode answer, String name) {
        List<String> values = new ArrayList<>();
        answer.path("steps").forEach(s -> values.add(s.path(name).asText()));
        return values;
    }

    /**
     * A group whose members answered at baseline on the day their programme started and then at post, the first
     * post on {@code firstPost} and the others on the following days.
     */
    private static void group(EventStream stream, String programmeId, LocalDate start, String groupId, int members,
                              LocalDate firstPost, int shift) {
        String[] roster = new String[members];
        for (int i = 0; i < members; i++) {
            roster[i] = stream.institution() + "-" + groupId + "-p" + i;
        }
        stream.group(groupId, programmeId, roster);
        for (int i = 0; i < members; i++) {
            String p = roster[i];
            double baseline = 90 + 3 * i + (i * 7 % 5);
            stream.survey(p + "-pre", p, programmeId, groupId, INSTRUMENT, Timepoint.BASELINE, baseline, start);
            stream.survey(p + "-post", p, programmeId, groupId, INSTRUMENT, Timepoint.POST, baseline + shift + (i * 5 % 4),
                    firstPost.plusDays(2L * (members - i - 1)));
        }
    }
}
