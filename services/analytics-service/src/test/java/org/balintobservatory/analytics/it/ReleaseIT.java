package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Researchers analyse data releases. The attacks: comparing a unit before and after one participant's
 * consent withdrawal (n 6 → 5), or one corrected score (n 6 → 6), gave that person's scores; a release
 * holds such a change back until the unit has changed in at least the minimum cell size of participants.
 * Any release can be picked, so the same holds between releases that are not successive.
 */
class ReleaseIT extends AnalyticsIntegrationTest {

    private static final String INSTITUTION = "it-release";
    private static final String CORRECTED = "it-corrected";
    private static final String UNPUBLISHED = "it-unpublished";
    private static final String GROUP_UNITS = "/api/v1/analytics/units?level=group&instrument=jse-style";
    private static final String GROUP_ROWS = "/api/v1/analytics/comparison?unit=group&instrument=jse-style";
    private static final String EARLIER = "it-earlier";
    private static final String EARLIER_QUESTION = "/api/v1/analytics/comparison?unit=group&instrument=jse-style&moderator=arm";
    private static final String CSV_QUESTION = "/api/v1/analytics/effect-sizes.csv?unit=group&instrument=jse-style";
    private static final HttpClient RAW = HttpClient.newHttpClient();
    /** Five join before release 2; four of them withdraw before release 3. */
    private static final String APART = "it-apart";
    /** The same, and the fifth's post score is corrected before release 3. */
    private static final String APART_JOINER = "it-apart-joiner";
    /** Five join before release 2; all five withdraw and one of the first six has a score corrected before release 3. */
    private static final String APART_CORRECTED = "it-apart-corrected";
    /** As {@link #APART_JOINER}, with its first release cut as if before published states were recorded. */
    private static final String APART_UNRECORDED = "it-apart-unrecorded";
    private static final List<String> LEVELS = List.of("group", "programme", "institution");

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
        assertThat(again.path("release").path("name").asText()).isEqualTo(first.path("name").asText());
        JsonNode comparison = get("/api/v1/analytics/comparison?instrument=jse-style&release="
                + second.path("name").asText(), RESEARCHER_KEY).body();
        assertThat(comparison.path("release").path("name").asText()).isEqualTo(second.path("name").asText());
        assertThat(comparison.path("logPosition")).isEqualTo(second.path("logPosition"));
        // As of a day: the last release cut on or before it; none before the first.
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(get("/api/v1/analytics/comparison?instrument=jse-style&release=" + today, RESEARCHER_KEY).body()
                .path("release").path("name").asText()).as("the last release cut today, by any test")
                .isEqualTo(get("/api/v1/analytics/overview", RESEARCHER_KEY).body().path("release").path("name").asText());
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

    /**
     * A researcher picks two releases that are not successive. Five participants join a group of six before
     * release 2; before release 3 four of them withdraw consent ({@value #APART}: held against release 2 already),
     * the fifth's score is corrected as well ({@value #APART_JOINER}: release 3 would differ from release 2 by five
     * participants, from release 1 by one), or all five withdraw and one of the first six has a score corrected
     * ({@value #APART_CORRECTED}: from release 1 by that one score). Release 3 shows each group, its programme and
     * its institution as release 2 did, so releases 1 and 3 differ by the five who joined, never by fewer than the
     * minimum cell size.
     */
    @Test
    void releasesThatAreNotSuccessiveNeverDifferByFewerThanTheThreshold() {
        List<String> institutions = List.of(APART, APART_JOINER, APART_CORRECTED);
        Map<String, EventStream> streams = new TreeMap<>();
        institutions.forEach(institution -> streams.put(institution, groupOfSix(institution, institution,
                i -> 90 + 2 * i, i -> 96 + 3 * i)));
        streams.values().forEach(stream -> publish(stream.drain()));
        JsonNode first = releaseWhenCaughtUp();
        streams.forEach(ReleaseIT::fiveJoin);
        streams.values().forEach(stream -> publish(stream.drain()));
        JsonNode second = releaseWhenCaughtUp();

        withdraw(streams.get(APART), APART, 4);
        withdraw(streams.get(APART_JOINER), APART_JOINER, 4)
                .correctSurvey(APART_JOINER + "-j4-post", APART_JOINER + "-j4", "prog-" + APART_JOINER,
                        "grp-" + APART_JOINER, Timepoint.POST, 140);
        withdraw(streams.get(APART_CORRECTED), APART_CORRECTED, 5)
                .correctSurvey(APART_CORRECTED + "-p5-post", APART_CORRECTED + "-p5", "prog-" + APART_CORRECTED,
                        "grp-" + APART_CORRECTED, Timepoint.POST, 140);
        streams.values().forEach(stream -> publish(stream.drain()));
        JsonNode third = releaseWhenCaughtUp();

        for (String institution : institutions) {
            assertTheThirdReleaseShowsTheSecond(institution, first, second, third);
        }
    }

    /**
     * Releases published before the states of every release were recorded have theirs recorded by the next
     * cut, from their members (an arm's as the union of its programmes'), and are compared with as well.
     */
    @Test
    void aReleaseCutBeforeStatesWereRecordedIsComparedWithAsWell() {
        EventStream stream = groupOfSix(APART_UNRECORDED, APART_UNRECORDED, i -> 90 + 2 * i, i -> 96 + 3 * i);
        publish(stream.drain());
        JsonNode first = releaseWhenCaughtUp();
        // As a release cut before states were recorded: none of this institution's, and no release marked.
        MongoCollection<Document> states = database.getCollection("analytics_release_states");
        Bson ofInstitution = Filters.regex("unit", "^[a-z]+:" + APART_UNRECORDED + "/");
        states.deleteMany(ofInstitution);
        database.getCollection("analytics_releases").updateMany(Filters.empty(), Updates.unset("statesRecorded"));

        fiveJoin(APART_UNRECORDED, stream);
        publish(stream.drain());
        JsonNode second = releaseWhenCaughtUp();
        List<Document> recorded = states.find(Filters.and(ofInstitution,
                Filters.eq("first", first.path("id").asInt()))).into(new java.util.ArrayList<>());
        assertThat(recorded).as("the group, the programme and the arm as the first release published them")
                .extracting(d -> d.getString("unit").substring(0, d.getString("unit").indexOf(':')))
                .containsExactlyInAnyOrder("group", "programme", "arm");
        assertThat(recorded).allSatisfy(d -> assertThat(d.getList("contributors", Document.class)).hasSize(6));
        assertThat(database.getCollection("analytics_releases").countDocuments(Filters.ne("statesRecorded", true)))
                .isZero();

        withdraw(stream, APART_UNRECORDED, 4).correctSurvey(APART_UNRECORDED + "-j4-post", APART_UNRECORDED + "-j4",
                "prog-" + APART_UNRECORDED, "grp-" + APART_UNRECORDED, Timepoint.POST, 140);
        publish(stream.drain());
        JsonNode third = releaseWhenCaughtUp();

        assertTheThirdReleaseShowsTheSecond(APART_UNRECORDED, first, second, third);
    }

    /**
     * At every level, the institution's unit in release 3 is held back and shows release 2's figures, and what
     * a researcher who picks releases 1 and 3 can difference is the work of at least the minimum cell size of
     * participants: the figures are the same, or the counts differ by at least that many.
     */
    private void assertTheThirdReleaseShowsTheSecond(String institution, JsonNode first, JsonNode second,
                                                     JsonNode third) {
        int t = third.path("minCellSize").asInt();
        for (String level : LEVELS) {
            String question = "/api/v1/analytics/units?level=" + level + "&instrument=jse-style";
            JsonNode one = ofInstitution(institution, first.path("name").asText(), question, "units");
            JsonNode two = ofInstitution(institution, second.path("name").asText(), question, "units");
            JsonNode three = ofInstitution(institution, third.path("name").asText(), question, "units");
            String what = institution + " at the " + level + " level";
            assertThat(withoutNote(three).equals(withoutNote(one))
                    || Math.abs(three.path("n").asLong() - one.path("n").asLong()) >= t)
                    .as(what + ": releases 1 and 3 differ by fewer than " + t + " participants: " + one
                            + " → " + three).isTrue();
            assertThat(two.path("n").asLong()).as(what + " in release 2").isEqualTo(11);
            assertThat(three.path("heldBack").asText()).as(what).startsWith("held back since the last release");
            assertThat(withoutNote(three)).as(what + " in release 3, as release 2 published it")
                    .isEqualTo(withoutNote(two));
        }
        JsonNode rowTwo = row(institution, second.path("name").asText());
        JsonNode rowThree = row(institution, third.path("name").asText());
        assertThat(withoutNote(rowThree)).as(institution + "'s comparison row").isEqualTo(withoutNote(rowTwo));
    }

    private static JsonNode withoutNote(JsonNode entry) {
        return ((ObjectNode) entry.deepCopy()).without("heldBack");
    }

    /** Five participants {@code <tag>-j0} … {@code -j4} join the group of {@link #groupOfSix}, with both responses. */
    private static void fiveJoin(String tag, EventStream stream) {
        String programme = "prog-" + tag;
        String group = "grp-" + tag;
        List<String> joiners = IntStream.range(0, 5).mapToObj(i -> tag + "-j" + i).toList();
        stream.enrol(group, joiners.toArray(String[]::new));
        for (int i = 0; i < joiners.size(); i++) {
            String participant = joiners.get(i);
            stream.survey(participant + "-pre", participant, programme, group, Timepoint.BASELINE, 80 + 3 * i)
                    .survey(participant + "-post", participant, programme, group, Timepoint.POST, 85 + 5 * i);
        }
    }

    /** The first {@code count} of the five who joined withdraw consent: both of their responses retracted. */
    private static EventStream withdraw(EventStream stream, String tag, int count) {
        for (int i = 0; i < count; i++) {
            String participant = tag + "-j" + i;
            stream.retract(participant + "-pre", participant, Timepoint.BASELINE, RetractionReason.CONSENT_WITHDRAWN)
                    .retract(participant + "-post", participant, Timepoint.POST, RetractionReason.CONSENT_WITHDRAWN);
        }
        return stream;
    }

    @Test
    void researchersGetNoAnswerFromAReleaseThatDoesNotExist() {
        assertThat(get("/api/v1/analytics/overview?release=no-such-release", RESEARCHER_KEY).status()).isEqualTo(404);
        assertThat(post("/api/v1/analytics/admin/releases", RESEARCHER_KEY).status()).isEqualTo(403);
    }

    /**
     * A researcher picks an earlier release by name or by date and gets exactly what that release published:
     * the same answer, byte for byte in JSON, as when it was the latest, and every answer and download names it.
     */
    @Test
    void anEarlierReleaseChosenByNameOrDateAnswersExactlyAsItWasPublished() throws Exception {
        EventStream stream = groupOfSix(EARLIER, "e", i -> 70 + 2 * i, i -> 75 + 3 * i);
        publish(stream.drain());
        JsonNode first = releaseWhenCaughtUp();
        String name = first.path("name").asText();
        JsonNode then = get(EARLIER_QUESTION, RESEARCHER_KEY).body();
        assertThat(then.path("release").path("name").asText()).isEqualTo(name);

        // Five more participants in a second group of the programme, and a release that publishes them.
        stream.group("grp-e2", "prog-e", "e2-p0", "e2-p1", "e2-p2", "e2-p3", "e2-p4");
        for (int i = 0; i < 5; i++) {
            stream.survey("e2-p" + i + "-pre", "e2-p" + i, "prog-e", "grp-e2", Timepoint.BASELINE, 60 + i)
                    .survey("e2-p" + i + "-post", "e2-p" + i, "prog-e", "grp-e2", Timepoint.POST, 70 + 2 * i);
        }
        publish(stream.drain());
        JsonNode second = releaseWhenCaughtUp();
        assertThat(get(EARLIER_QUESTION, RESEARCHER_KEY).body()).as("the latest release answers differently")
                .isNotEqualTo(then);

        JsonNode byName = get(EARLIER_QUESTION + "&release=" + name, RESEARCHER_KEY).body();
        assertThat(byName).as("the earlier release, asked by name").isEqualTo(then);
        JsonNode release = byName.path("release");
        assertThat(release.path("live").asBoolean()).isFalse();
        assertThat(release.path("cutAt").asText()).isEqualTo(first.path("cutAt").asText());
        assertThat(release.path("logPosition")).isEqualTo(first.path("logPosition")).isEqualTo(byName.path("logPosition"));
        // As of the instant it was cut: the last release cut by then is that one, whatever came after.
        assertThat(get(EARLIER_QUESTION + "&asOf=" + first.path("cutAt").asText(), RESEARCHER_KEY).body())
                .isEqualTo(then);
        assertThat(get(EARLIER_QUESTION + "&asOf=" + second.path("cutAt").asText(), RESEARCHER_KEY).body()
                .path("release").path("name").asText()).isEqualTo(second.path("name").asText());
        for (String route : List.of("/api/v1/analytics/overview?", "/api/v1/analytics/units?instrument=jse-style&",
                "/api/v1/analytics/meta-regression?instrument=jse-style&", "/api/v1/analytics/robustness?instrument=jse-style&",
                "/api/v1/analytics/cumulative?instrument=jse-style&")) {
            Answer answer = get(route + "release=" + name, RESEARCHER_KEY);
            assertThat(answer.status()).as(route).isEqualTo(200);
            assertThat(answer.body().path("release").path("name").asText()).as(route).isEqualTo(name);
            assertThat(answer.body().path("release").path("cutAt").asText()).as(route)
                    .isEqualTo(first.path("cutAt").asText());
        }

        // The downloads name it too: the CSV in two columns, the bundle in its manifest and script.
        String csv = new String(raw(CSV_QUESTION + "&release=" + name, RESEARCHER_KEY).body(), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).endsWith(",release,releaseCutAt");
        assertThat(lines.subList(1, lines.size())).isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith(",\"" + name + "\",\"" + first.path("cutAt").asText() + "\""));
        Map<String, String> bundle = unzip(raw("/api/v1/analytics/bundle.zip?instrument=jse-style&release=" + name,
                RESEARCHER_KEY).body());
        JsonNode manifest = JSON.readTree(bundle.get("manifest.json"));
        assertThat(manifest.path("release").path("name").asText()).isEqualTo(name);
        assertThat(manifest.path("release").path("cutAt").asText()).isEqualTo(first.path("cutAt").asText());
        assertThat(manifest.path("logPosition")).isEqualTo(first.path("logPosition"));
        assertThat(bundle.get("reproduce.R")).contains("release=" + name + " (cut " + first.path("cutAt").asText());
        assertThat(bundle.get("effect-sizes.csv")).isEqualTo(csv);
    }

    /**
     * Every way of naming a release wrongly is refused, naming the field, on every endpoint a researcher asks:
     * 400 for a value that cannot name one, 404 for one that names none; and a school, which is answered live,
     * cannot ask for one.
     */
    @Test
    void releaseChoicesThatNameNoPublishedReleaseAreRefusedNamingTheField() {
        releaseWhenCaughtUp();
        List<String> routes = List.of("/api/v1/analytics/overview?", "/api/v1/analytics/units?instrument=jse-style&",
                "/api/v1/analytics/comparison?instrument=jse-style&", "/api/v1/analytics/meta-regression?instrument=jse-style&",
                "/api/v1/analytics/robustness?instrument=jse-style&", "/api/v1/analytics/cumulative?instrument=jse-style&",
                "/api/v1/analytics/effect-sizes.csv?instrument=jse-style&", "/api/v1/analytics/bundle.zip?instrument=jse-style&");
        // Each: the query, the status, the field it names, and why.
        List<List<Object>> refusals = List.of(
                List.of("release=Not%20A%20Name", 400, "release"),          // not a release's name at all
                List.of("release=" + "a".repeat(41), 400, "release"),       // longer than a name can be
                List.of("asOf=yesterday", 400, "asOf"),                      // neither a day nor an instant
                List.of("asOf=2026-02-30", 400, "asOf"),                     // no such day
                List.of("asOf=%2B999999999-01-01T00:00:00Z", 400, "asOf"),   // a time no store can hold
                List.of("release=release-1&asOf=2026-01-01", 400, "asOf"),   // two choices at once
                List.of("release=no-such-release", 404, "release"),         // well formed, never published
                List.of("asOf=2000-01-01", 404, "asOf"),                     // before the first release
                List.of("asOf=2000-01-01T00:00:00Z", 404, "asOf"));          // the same, as an instant
        for (String route : routes) {
            for (List<Object> refusal : refusals) {
                String path = route + refusal.get(0);
                HttpResponse<byte[]> answer = raw(path, RESEARCHER_KEY);
                assertThat(answer.statusCode()).as(path).isEqualTo(refusal.get(1));
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(path)
                        .startsWith("application/problem+json");
                JsonNode problem = readJson(answer.body());
                assertThat(problem.path("errors").path(0).path("field").asText()).as(path).isEqualTo(refusal.get(2));
            }
        }
        // A school keeps its live view, and says so; it cannot ask for a release.
        JsonNode live = get("/api/v1/analytics/overview", SCHOOL_KEY).body();
        assertThat(live.path("release").path("live").asBoolean()).isTrue();
        assertThat(live.path("release").path("name").isNull()).isTrue();
        assertThat(live.path("release").path("logPosition")).isEqualTo(live.path("logPosition"));
        for (String choice : List.of("release=release-1", "asOf=2026-01-01")) {
            Answer refused = get("/api/v1/analytics/overview?" + choice, SCHOOL_KEY);
            assertThat(refused.status()).as(choice).isEqualTo(400);
            assertThat(refused.body().path("errors").path(0).path("field").asText()).as(choice)
                    .isEqualTo(choice.substring(0, choice.indexOf('=')));
        }
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
        assertThat(answer.path("release").path("name").asText()).isEqualTo(release);
        for (JsonNode entry : answer.path(list)) {
            if (institution.equals(entry.path("institutionId").asText())) {
                return entry;
            }
        }
        throw new AssertionError("nothing of " + institution + " in " + answer);
    }

    /** An answer as bytes: a CSV, a zip or a problem. */
    private HttpResponse<byte[]> raw(String path, String key) {
        try {
            return RAW.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
