package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.analytics.answer.participantlevel.reproduction.ParticipantLevelBundleTest;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.mixed.ClusterStatistics;
import org.balintobservatory.metaanalysis.mixed.Estimation;
import org.balintobservatory.metaanalysis.mixed.MixedModelFit;
import org.balintobservatory.metaanalysis.mixed.NestedInterceptModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The participant-level answer through the API: participants fed as events, a release cut, and the one-stage
 * fit the endpoint gives equals the engine's fit on the same participants; bad parameters are refused naming
 * the field; a school gets only its own institution, live. A database of its own, so that the release holds
 * exactly these participants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipantLevelIT extends AnalyticsServiceTest {

    /** Institutions no other test names, since every test's events are on the same topics. */
    private static final List<String> INSTITUTIONS = List.of("it-ipd-a", "it-ipd-b", "it-ipd-c");
    private static final String IPD_SCHOOL_KEY = "it-ipd-school-key";
    private static final int GROUPS = 3;
    private static final int MEMBERS = 7;
    private static final int SESSIONS = 8;
    private static final List<String> TERMS = List.of("(Intercept)", "baseline", "doseWithin", "doseBetween");

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        configure(registry, "analytics_ipd_it", "analytics-ipd-it");
        registry.add("balint.security.keys[4].id", () -> "it-ipd-school");
        registry.add("balint.security.keys[4].sha256", () -> sha256(IPD_SCHOOL_KEY));
        registry.add("balint.security.keys[4].institution", () -> INSTITUTIONS.get(0));
        registry.add("balint.security.keys[4].role", () -> "SCHOOL");
    }

    /** One participant as fed: their group, sessions attended and scores. */
    private record Fed(String institution, String group, int dose, double pre, double post) {
    }

    private final List<Fed> fed = new ArrayList<>();
    private final Map<String, EventStream> streams = new HashMap<>();
    private String firstRelease;

    @BeforeAll
    void feedParticipantsAndCutARelease() {
        for (int i = 0; i < INSTITUTIONS.size(); i++) {
            String institution = INSTITUTIONS.get(i);
            EventStream stream = new EventStream(institution).programme("prog-ipd", Arm.INTERVENTION);
            streams.put(institution, stream);
            for (int g = 0; g < GROUPS; g++) {
                String group = "grp-ipd-" + g;
                List<String> roster = new ArrayList<>();
                for (int m = 0; m < MEMBERS; m++) {
                    roster.add(institution + "-" + group + "-p" + m);
                }
                stream.group(group, "prog-ipd", roster.toArray(String[]::new));
                Map<String, Integer> attended = new HashMap<>();
                for (int s = 0; s < SESSIONS; s++) {
                    List<String> present = new ArrayList<>();
                    for (int m = 0; m < MEMBERS; m++) {
                        // Member m attends about (m + g + i) mod 8 + 1 of the 8 sessions: doses spread in every group.
                        if ((s * 3 + m) % SESSIONS < (m + g + i) % SESSIONS + 1) {
                            present.add(roster.get(m));
                            attended.merge(roster.get(m), 1, Integer::sum);
                        }
                    }
                    stream.session(group, group + "-s" + s, EventStream.START.plusWeeks(s + 1), roster, present);
                }
                for (int m = 0; m < MEMBERS; m++) {
                    String p = roster.get(m);
                    int dose = attended.getOrDefault(p, 0);
                    double pre = 96 + (m * 7 + g * 5 + i * 3) % 23;
                    double post = pre * 0.8 + 25 + 0.6 * dose + g * 1.5 - i + ((m * 13 + g * 7 + i) % 9 - 4);
                    stream.survey(p + "-pre", p, "prog-ipd", group, Timepoint.BASELINE, pre);
                    stream.survey(p + "-post", p, "prog-ipd", group, Timepoint.POST, post);
                    fed.add(new Fed(institution, institution + "/" + group, dose, pre, post));
                }
            }
            publish(stream.drain());
        }
        firstRelease = releaseWhenCaughtUp().path("name").asText();
    }

    /**
     * The release policy judges pairs of scores: one participant who attended one more session, with the same
     * scores, leaves every unit's pairs as they were, so the next release must publish the same dose sums, or two
     * bundles would tell that participant's attendance apart.
     */
    @Test
    void attendanceThatChangedForOneParticipantAloneIsNotPublishedByTheNextRelease() {
        String institution = INSTITUTIONS.get(1);
        String member = institution + "-grp-ipd-0-p0";
        List<String> roster = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            roster.add(institution + "-grp-ipd-0-p" + m);
        }
        // The same stream as before, so the group's events go on in sequence.
        EventStream stream = streams.get(institution);
        stream.session("grp-ipd-0", "grp-ipd-0-extra", EventStream.START.plusWeeks(SESSIONS + 2), roster,
                List.of(member));
        publish(stream.drain());
        String second = releaseWhenCaughtUp().path("name").asText();

        JsonNode before = get("/api/v1/analytics/participant-level?instrument=jse-style&release=" + firstRelease,
                RESEARCHER_KEY).body();
        JsonNode after = get("/api/v1/analytics/participant-level?instrument=jse-style&release=" + second,
                RESEARCHER_KEY).body();
        assertThat(after.path("release").path("name").asText()).isEqualTo(second);
        assertThat(after.path("fixedEffects")).isEqualTo(before.path("fixedEffects"));
        assertThat(after.path("doseResponse")).isEqualTo(before.path("doseResponse"));
    }

    /**
     * The topics carry every integration test's events, so the release holds other tests' institutions too: its
     * answer is checked for what it is built from; the equality with the engine's fit on the same participants is
     * checked on a school's own institution, below, where the participants are exactly those fed here.
     */
    @Test
    void theAnswerFromAReleaseHasEveryFedGroupAndNothingOfAnyParticipant() {
        Answer answer = get("/api/v1/analytics/participant-level?instrument=jse-style&release=" + firstRelease,
                RESEARCHER_KEY);

        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.path("participants").asLong()).isGreaterThanOrEqualTo(INSTITUTIONS.size() * GROUPS * MEMBERS);
        assertThat(body.path("groups").asInt()).isGreaterThanOrEqualTo(INSTITUTIONS.size() * GROUPS);
        assertThat(body.path("release").path("name").asText()).isEqualTo(firstRelease);
        assertThat(body.path("fixedEffects").size()).isEqualTo(TERMS.size());
        assertThat(body.path("doseResponse").path("curve").size()).isPositive();
        // Neither residuals nor random effects nor any group's own name.
        assertThat(body.toString()).doesNotContain("residuals").doesNotContain("randomEffects")
                .doesNotContain("grp-ipd");
    }

    @Test
    void aSchoolIsAnsweredFromItsOwnInstitutionLiveAndCannotAskForARelease() {
        Answer answer = get("/api/v1/analytics/participant-level?instrument=jse-style", IPD_SCHOOL_KEY);

        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        assertThat(answer.body().path("institutions").asInt()).isEqualTo(1);
        assertThat(answer.body().path("participants").asLong()).isEqualTo(GROUPS * MEMBERS);
        assertThat(answer.body().path("release").path("live").asBoolean()).isTrue();
        List<Fed> own = fed.stream().filter(f -> f.institution().equals(INSTITUTIONS.get(0))).toList();
        assertFixedEffects(answer.body(), NestedInterceptModel.fit(TERMS, clusters(own, false), Estimation.REML));

        Answer release = get("/api/v1/analytics/participant-level?instrument=jse-style&release=" + firstRelease,
                IPD_SCHOOL_KEY);
        assertThat(release.status()).isEqualTo(400);
        assertThat(release.body().path("errors").get(0).path("field").asText()).isEqualTo("release");
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        Map<String, String> asked = Map.of(
                "moderators=nope", "moderators",
                "moderators=plannedSize,plannedSize", "moderators",
                "dose=cubic", "dose",
                "method=OLS", "method",
                "from=POST&to=BASELINE", "to",
                "scale=NOT%20A%20SCALE", "scale");
        asked.forEach((query, field) -> {
            Answer answer = get("/api/v1/analytics/participant-level?instrument=jse-style&" + query, RESEARCHER_KEY);
            assertThat(answer.status()).as(query + " " + answer.body()).isEqualTo(400);
            assertThat(answer.body().path("errors").get(0).path("field").asText()).as(query).isEqualTo(field);
        });
        Answer noInstrument = get("/api/v1/analytics/participant-level", RESEARCHER_KEY);
        assertThat(noInstrument.status()).isEqualTo(400);
        assertThat(noInstrument.body().path("errors").get(0).path("field").asText()).isEqualTo("instrument");
    }

    @Test
    void aModeratorEveryGroupSharesCannotBeEstimatedAndSaysSo() {
        // Every group fed here has the same design: in the school's own groups planned size is the intercept again.
        Answer answer = get("/api/v1/analytics/participant-level?instrument=jse-style&moderators=plannedSize",
                IPD_SCHOOL_KEY);

        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(422);
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("moderators");
    }

    /**
     * Every fed group has doses that fewer than five of its participants share: a researcher gets no bundle, whose
     * sums of the dose with the scores would separate those participants; the school gets its own.
     */
    @Test
    void aResearcherGetsNoBundleWhereADoseIsSharedByFewerThanFiveAndTheSchoolGetsItsOwn() throws Exception {
        HttpResponse<byte[]> refused = bundleResponse("instrument=jse-style&release=" + firstRelease, RESEARCHER_KEY);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).path("errors").get(0).path("field").asText()).isEqualTo("dose");

        Map<String, String> entries = bundle("instrument=jse-style", IPD_SCHOOL_KEY);
        assertThat(entries.get("clusters.csv").lines()).hasSize(GROUPS + 1);
        assertThat(entries).containsKeys("reproduce.R", "README.md", "expected.csv", "manifest.json");
        List<Fed> own = fed.stream().filter(f -> f.institution().equals(INSTITUTIONS.get(0))).toList();
        MixedModelFit refit = NestedInterceptModel.fit(TERMS,
                ParticipantLevelBundleTest.read(entries.get("clusters.csv"), TERMS.size()), Estimation.REML);
        MixedModelFit expected = NestedInterceptModel.fit(TERMS, clusters(own, false), Estimation.REML);
        for (String term : TERMS) {
            assertThat(refit.fixedEffect(term).estimate()).as(term)
                    .isCloseTo(expected.fixedEffect(term).estimate(), within(1e-6));
        }
    }

    private HttpResponse<byte[]> bundleResponse(String query, String key) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/api/v1/analytics/participant-level/bundle.zip?" + query))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> bundle(String query, String key) throws IOException {
        HttpResponse<byte[]> response = bundleResponse(query, key);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static void assertFixedEffects(JsonNode body, MixedModelFit expected) {
        Map<String, JsonNode> terms = new HashMap<>();
        body.path("fixedEffects").forEach(t -> terms.put(t.path("term").asText(), t));
        assertThat(terms.keySet()).containsExactlyInAnyOrderElementsOf(TERMS);
        for (String term : TERMS) {
            assertThat(terms.get(term).path("estimate").asDouble()).as(term)
                    .isCloseTo(expected.fixedEffect(term).estimate(), within(1e-6));
            assertThat(terms.get(term).path("standardError").asDouble()).as(term)
                    .isCloseTo(expected.fixedEffect(term).standardError(), within(1e-6));
        }
    }

    /** The fed participants' rows (1, pre, dose − group mean, group mean) summed per group. */
    private static List<ClusterStatistics> clusters(List<Fed> participants, boolean nested) {
        Map<String, List<Fed>> byGroup = new java.util.TreeMap<>();
        participants.forEach(f -> byGroup.computeIfAbsent(f.group(), k -> new ArrayList<>()).add(f));
        List<ClusterStatistics> clusters = new ArrayList<>();
        byGroup.forEach((group, members) -> {
            double mean = members.stream().mapToInt(Fed::dose).average().orElseThrow();
            double[][] x = members.stream().map(f -> new double[] {1, f.pre(), f.dose() - mean, mean})
                    .toArray(double[][]::new);
            double[] y = members.stream().mapToDouble(Fed::post).toArray();
            clusters.add(ClusterStatistics.of(nested ? members.get(0).institution() : null, group, x, y));
        });
        return clusters;
    }
}
