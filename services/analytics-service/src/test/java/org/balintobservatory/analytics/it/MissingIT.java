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

/**
 * What keeps a school's units out of the analysis, through the API with the school's key, another school's and
 * a researcher's. Its own instrument keeps the school's other units out of the answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingIT extends AnalyticsIntegrationTest {

    private static final String INSTRUMENT = "it-missing";
    private static final String PATH = "/api/v1/analytics/institutions/" + SCHOOL + "/missing?instrument=" + INSTRUMENT;
    private static final LocalDate POST_DAY = EventStream.START.plusMonths(10);

    @BeforeAll
    void feed() {
        EventStream stream = new EventStream(SCHOOL);
        // prog-gaps-a: a group of six with both responses, and one of five where three have both, one has only
        // the baseline and one has nothing; the programme (9 pairs) is shown, the group of three is not, and the
        // group of six is hidden with it (9 − 6 = 3 would give the small group away).
        stream.programme("prog-gaps-a", Arm.INTERVENTION);
        members(stream, "prog-gaps-a", "grp-gaps-full", 6, 6, 6);
        members(stream, "prog-gaps-a", "grp-gaps-small", 5, 4, 3);
        // prog-gaps-b: six with both, one of them enrolled after the first session's register was recorded, with an
        // earlier date, so the register of session 1 leaves them out.
        stream.programme("prog-gaps-b", Arm.INTERVENTION);
        List<String> roster = roster("grp-gaps-late", 5);
        stream.group("grp-gaps-late", "prog-gaps-b", roster.toArray(String[]::new));
        stream.session("grp-gaps-late", "s-1", EventStream.START.plusDays(7), roster, roster);
        String late = SCHOOL + "-grp-gaps-late-p5";
        stream.enrolOn("grp-gaps-late", late, EventStream.START);
        List<String> everyone = new ArrayList<>(roster);
        everyone.add(late);
        stream.session("grp-gaps-late", "s-2", EventStream.START.plusDays(14), everyone, everyone);
        everyone.forEach(p -> answer(stream, p, "prog-gaps-b", "grp-gaps-late", true, true));
        publish(stream.drain());
        releaseWhenCaughtUp();

        // After the release: a programme of five with both, shown live, waiting for the next release.
        stream.programme("prog-gaps-c", Arm.INTERVENTION);
        members(stream, "prog-gaps-c", "grp-gaps-new", 5, 5, 5);
        publish(stream.drain());
        caughtUp();
    }

    @Test
    void aSmallGroupNeedsTheMissingPairsAndSaysWhichMembersCouldGiveThem() {
        JsonNode group = group(ok(), "prog-gaps-a", "grp-gaps-small");

        assertThat(group.path("members").asInt()).isEqualTo(5);
        assertThat(group.path("withBoth").asInt()).isEqualTo(3);
        assertThat(group.path("pairs").asInt()).isEqualTo(3);
        assertThat(group.path("inAnalysis").asBoolean()).isFalse();
        assertThat(reasons(group)).containsExactly("missing-from", "missing-to", "below-threshold");
        JsonNode threshold = gap(group, "below-threshold");
        assertThat(threshold.path("count").asInt()).isEqualTo(2);
        assertThat(threshold.path("remedy").asText())
                .isEqualTo("2 more members with both responses (1 member waiting for the second response would bring it to 4)");
        assertThat(gap(group, "missing-from").path("count").asInt()).isEqualTo(1);
        assertThat(gap(group, "missing-to").path("count").asInt()).isEqualTo(1);
    }

    @Test
    void aGroupHiddenWithTheSmallOneIsSecondaryWhileItsProgrammeIsInTheAnalysis() {
        JsonNode answer = ok();
        JsonNode full = group(answer, "prog-gaps-a", "grp-gaps-full");
        assertThat(reasons(full)).containsExactly("secondary");
        assertThat(full.path("inAnalysis").asBoolean()).isFalse();

        JsonNode programme = programme(answer, "prog-gaps-a");
        assertThat(programme.path("pairs").asInt()).isEqualTo(9);
        assertThat(programme.path("members").asInt()).isEqualTo(11);
        assertThat(reasons(programme)).containsExactly("missing-from", "missing-to");
        assertThat(programme.path("inAnalysis").asBoolean()).isTrue();
    }

    @Test
    void aSessionWhoseRegisterLeavesOutALateEnrolledMemberIsNamedWithItsDay() {
        JsonNode group = group(ok(), "prog-gaps-b", "grp-gaps-late");

        assertThat(reasons(group)).containsExactly("incomplete-register");
        JsonNode register = gap(group, "incomplete-register");
        assertThat(register.path("sessions").toString()).isEqualTo("[\"1 (" + EventStream.START.plusDays(7) + ")\"]");
        assertThat(group.path("inAnalysis").asBoolean()).as("a register does not keep a unit out").isTrue();
    }

    @Test
    void aUnitShownLiveSinceTheLastReleaseWaitsForTheNext() {
        JsonNode answer = ok();
        JsonNode group = group(answer, "prog-gaps-c", "grp-gaps-new");

        assertThat(reasons(group)).containsExactly("not-yet-released");
        assertThat(gap(group, "not-yet-released").path("remedy").asText()).isEqualTo("in the next release");
        assertThat(group.path("inAnalysis").asBoolean()).isFalse();
        assertThat(answer.path("lastRelease").path("name").asText()).isNotEmpty();
        assertThat(answer.path("release").path("live").asBoolean()).isTrue();
    }

    @Test
    void onlyTheSchoolItselfMayAskAndABadQuestionIsA400NamingTheField() {
        assertThat(get(PATH, REPLAY_SCHOOL_KEY).status()).as("another school's key").isEqualTo(404);
        assertThat(get(PATH, RESEARCHER_KEY).status()).as("a researcher's key").isEqualTo(403);
        Answer noInstrument = get("/api/v1/analytics/institutions/" + SCHOOL + "/missing", SCHOOL_KEY);
        assertThat(noInstrument.status()).isEqualTo(400);
        assertThat(noInstrument.body().path("errors").toString()).contains("\"instrument\"");
        Answer badTimepoint = get(PATH + "&from=LATER", SCHOOL_KEY);
        assertThat(badTimepoint.status()).isEqualTo(400);
        assertThat(badTimepoint.body().path("errors").toString()).contains("\"from\"");
    }

    @Test
    void theAnswerCountsMembersAndNamesNone() {
        assertThat(ok().toString()).doesNotContain(SCHOOL + "-grp-gaps");
    }

    private JsonNode ok() {
        Answer answer = get(PATH, SCHOOL_KEY);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode programme(JsonNode answer, String programmeId) {
        for (JsonNode p : answer.path("programmes")) {
            if (p.path("programmeId").asText().equals(programmeId)) {
                return p;
            }
        }
        throw new AssertionError("no programme " + programmeId + " in " + answer);
    }

    private static JsonNode group(JsonNode answer, String programmeId, String groupId) {
        for (JsonNode g : programme(answer, programmeId).path("groups")) {
            if (g.path("groupId").asText().equals(groupId)) {
                return g;
            }
        }
        throw new AssertionError("no group " + groupId + " in " + answer);
    }

    private static List<String> reasons(JsonNode unit) {
        List<String> reasons = new ArrayList<>();
        unit.path("gaps").forEach(g -> reasons.add(g.path("reason").asText()));
        return reasons;
    }

    private static JsonNode gap(JsonNode unit, String reason) {
        for (JsonNode g : unit.path("gaps")) {
            if (g.path("reason").asText().equals(reason)) {
                return g;
            }
        }
        throw new AssertionError("no " + reason + " in " + unit);
    }

    private static List<String> roster(String groupId, int members) {
        List<String> roster = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            roster.add(SCHOOL + "-" + groupId + "-p" + i);
        }
        return roster;
    }

    /** A group whose first {@code withFrom} members answered at baseline, the first {@code withBoth} at post too. */
    private static void members(EventStream stream, String programmeId, String groupId, int members, int withFrom,
                                int withBoth) {
        List<String> roster = roster(groupId, members);
        stream.group(groupId, programmeId, roster.toArray(String[]::new));
        for (int i = 0; i < members; i++) {
            answer(stream, roster.get(i), programmeId, groupId, i < withFrom, i < withBoth);
        }
    }

    private static void answer(EventStream stream, String participant, String programmeId, String groupId,
                               boolean baseline, boolean post) {
        double score = 90 + participant.hashCode() % 7;
        if (baseline) {
            stream.survey(participant + "-pre", participant, programmeId, groupId, INSTRUMENT, Timepoint.BASELINE,
                    score, EventStream.START);
        }
        if (post) {
            stream.survey(participant + "-post", participant, programmeId, groupId, INSTRUMENT, Timepoint.POST,
                    score + 4 + participant.length() % 3, POST_DAY);
        }
    }
}
