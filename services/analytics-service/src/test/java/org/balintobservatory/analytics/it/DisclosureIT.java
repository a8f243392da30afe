package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.Timepoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks a curious researcher made on the units, replayed: what the answers give must not determine
 * a statistic of fewer than five participants.
 */
class DisclosureIT extends AnalyticsIntegrationTest {

    private static final String INSTITUTION = "it-disclosure";

    @Test
    void aProgrammeMinusItsVisibleGroupsGivesBackNoSmallGroup() {
        // Groups of 6, 6 and 4 pairs in one programme of 16: the attack subtracted 6 + 6 from 16.
        EventStream stream = new EventStream(INSTITUTION).programme("prog-d", Arm.INTERVENTION);
        group(stream, "grp-alpha", 6, 100);
        group(stream, "grp-beta", 6, 110);
        group(stream, "grp-tiny", 4, 90);
        publish(stream.drain());

        releaseWhenCaughtUp();

        List<JsonNode> groups = units("group", RESEARCHER_KEY, INSTITUTION);
        List<JsonNode> programmes = units("programme", RESEARCHER_KEY, INSTITUTION);
        assertThat(programmes).hasSize(1);
        long programme = programmes.get(0).path("n").asLong();
        long visibleGroups = groups.stream().mapToLong(g -> g.path("n").asLong()).sum();
        assertThat(programme).isEqualTo(16);
        assertThat(programme - visibleGroups).as("what subtraction leaves").isNotIn(1L, 2L, 3L, 4L);

        // Nothing that could be differenced, and no name the school gave.
        for (JsonNode unit : concat(groups, programmes)) {
            assertThat(unit.hasNonNull("meanFrom") || unit.hasNonNull("meanTo") || unit.hasNonNull("moments")
                    || unit.hasNonNull("sdFrom") || unit.hasNonNull("meanChange")).as(unit.toString()).isFalse();
            assertThat(unit.path("unitId").asText()).doesNotContain("grp-").doesNotContain("prog-d");
        }
    }

    /** Units of one institution at one level as the caller sees them. */
    private List<JsonNode> units(String level, String key, String institution) {
        JsonNode answer = get("/api/v1/analytics/units?level=" + level + "&instrument=jse-style", key).body();
        List<JsonNode> found = new ArrayList<>();
        answer.path("units").forEach(u -> {
            if (institution.equals(u.path("institutionId").asText())) {
                found.add(u);
            }
        });
        return found;
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void group(EventStream stream, String groupId, int members, int base) {
        List<String> roster = IntStream.range(0, members).mapToObj(i -> groupId + "-p" + i).toList();
        stream.group(groupId, "prog-d", roster.toArray(String[]::new));
        for (int i = 0; i < members; i++) {
            String p = roster.get(i);
            stream.survey(p + "-pre", p, "prog-d", groupId, Timepoint.BASELINE, base + 3 * i);
            stream.survey(p + "-post", p, "prog-d", groupId, Timepoint.POST, base + 4 * i + (i % 2));
        }
    }
}
