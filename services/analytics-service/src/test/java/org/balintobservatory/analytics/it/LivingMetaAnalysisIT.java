package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.diagnostics.Diagnostics;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.multilevel.MultilevelModel;
import org.balintobservatory.metaanalysis.multilevel.MultilevelResult;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.balintobservatory.metaanalysis.robust.ClusterRobust;
import org.balintobservatory.metaanalysis.robust.RobustResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The multilevel model, CR2 tests, robustness and the cumulative analysis through the API, on units fed as
 * events: each figure equals the engine's on the rows the answer shows, and no answer is built from a unit
 * the comparison withholds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivingMetaAnalysisIT extends AnalyticsIntegrationTest {

    private static final String QUERY = "instrument=jse-style&scale=total&from=BASELINE&to=POST";

    @BeforeAll
    void feed() {
        // Four institutions of three groups of six, with institution and group effects; one group of four
        // participants that disclosure control must keep out of everything.
        for (int institution = 0; institution < 4; institution++) {
            String id = "it-living-" + institution;
            EventStream stream = new EventStream(id).programme("prog-l", Arm.INTERVENTION);
            for (int group = 0; group < 3; group++) {
                group(stream, id, "grp-" + group, 6, 2 * institution + group);
            }
            if (institution == 0) {
                group(stream, id, "grp-small", 4, 9);
            }
            publish(stream.drain());
        }
        releaseWhenCaughtUp();
    }

    @Test
    void theMultilevelModelWithCr2TestsEqualsTheEngineOnTheRowsItShows() {
        JsonNode answer = ok("/api/v1/analytics/comparison?" + QUERY + "&model=multilevel&robust=cr2");

        assertThat(answer.path("model").asText()).isEqualTo("multilevel");
        assertThat(answer.path("robust").asText()).isEqualTo("cr2");
        Rows rows = rows(answer);
        MultilevelResult expected = MultilevelModel.fit(rows.yi(), rows.vi(), rows.institutions(), rows.units(),
                ModelOptions.DEFAULTS);
        JsonNode overall = answer.path("overall");
        assertThat(overall.path("estimate").asDouble()).isCloseTo(expected.coefficients().get(0).estimate(), within(1e-9));
        assertThat(overall.path("se").asDouble()).isCloseTo(expected.coefficients().get(0).se(), within(1e-9));
        assertThat(overall.path("components").get(0).path("sigma2").asDouble())
                .isCloseTo(expected.components().get(0).sigma2(), within(1e-9));
        assertThat(overall.path("tau2").isNumber()).as("tau2 of the multilevel model").isFalse();
        assertThat(overall.path("notes").toString()).contains("tau2 and H2 belong to the two-level model");
        RobustResult robust = ClusterRobust.multilevel(rows.yi(), rows.vi(), rows.institutions(), rows.units(),
                intercept(rows.yi().length), List.of("intrcpt"), ModelOptions.DEFAULTS);
        assertThat(overall.path("robust").path("se").asDouble()).isCloseTo(robust.coefficients().get(0).se(), within(1e-9));
        assertThat(overall.path("robust").path("df2").asDouble()).isCloseTo(robust.coefficients().get(0).df(), within(1e-9));
    }

    @Test
    void robustnessLeavesOutEachShownUnitAndInstitutionAndNothingElse() {
        JsonNode comparison = ok("/api/v1/analytics/comparison?" + QUERY);
        JsonNode answer = ok("/api/v1/analytics/robustness?" + QUERY);
        Rows rows = rows(comparison);

        Set<String> shown = new HashSet<>(rows.units());
        List<String> leftOut = new ArrayList<>();
        answer.path("byUnit").forEach(u -> leftOut.add(u.path("left").asText()));
        assertThat(leftOut).containsExactlyElementsOf(rows.units());
        Map<String, RandomEffectsResult> expected = Diagnostics.leaveOut(rows.yi(), rows.vi(), rows.units(),
                ModelOptions.DEFAULTS);
        answer.path("byUnit").forEach(u -> {
            assertThat(u.path("estimate").asDouble()).isCloseTo(expected.get(u.path("left").asText()).estimate(), within(1e-9));
            assertThat(u.path("k").asInt()).isEqualTo(rows.units().size() - 1);
        });
        Map<String, RandomEffectsResult> byInstitution = Diagnostics.leaveOut(rows.yi(), rows.vi(), rows.institutions(),
                ModelOptions.DEFAULTS);
        assertThat(answer.path("byInstitution")).hasSize(byInstitution.size());
        answer.path("byInstitution").forEach(u -> assertThat(u.path("estimate").asDouble())
                .isCloseTo(byInstitution.get(u.path("left").asText()).estimate(), within(1e-9)));
        answer.path("influence").forEach(u -> assertThat(shown).contains(u.path("unitId").asText()));
        assertThat(answer.path("smallStudy").path("label").asText()).contains("not tests or corrections of publication bias");
        assertThat(answer.path("smallStudy").path("egger").path("statistic").asDouble())
                .isCloseTo(Diagnostics.egger(rows.yi(), rows.vi(), ModelOptions.DEFAULTS).statistic(), within(1e-9));
    }

    @Test
    void theCumulativeAnalysisAddsOnlyShownUnitsAndEndsAtTheFullModel() {
        JsonNode comparison = ok("/api/v1/analytics/comparison?" + QUERY);
        JsonNode answer = ok("/api/v1/analytics/cumulative?" + QUERY + "&order=start");
        Set<String> shown = new HashSet<>(rows(comparison).units());

        JsonNode steps = answer.path("steps");
        assertThat(steps).hasSize(shown.size());
        steps.forEach(s -> assertThat(shown).contains(s.path("added").asText()));
        JsonNode last = steps.get(steps.size() - 1);
        assertThat(last.path("estimate").asDouble())
                .isCloseTo(comparison.path("overall").path("estimate").asDouble(), within(1e-9));
        assertThat(last.path("participants").asLong()).isEqualTo(comparison.path("participants").asLong());
        assertThat(steps.get(0).path("k").asInt()).isEqualTo(1);
        assertThat(steps.get(0).path("notes").toString()).contains("Only one study");
    }

    @Test
    void aUnitBelowTheMinimumCellSizeIsInNoAnswer() {
        for (String path : List.of("comparison", "robustness", "cumulative")) {
            JsonNode answer = ok("/api/v1/analytics/" + path + "?" + QUERY);
            answer.path("rows").forEach(r -> assertThat(r.path("n").asLong()).isGreaterThanOrEqualTo(5));
            assertThat(answer.path("suppressedUnits").asInt()).as(path).isGreaterThanOrEqualTo(1);
        }
        JsonNode robustness = ok("/api/v1/analytics/robustness?" + QUERY);
        long total = robustness.path("participants").asLong();
        robustness.path("byUnit").forEach(u -> assertThat(total - u.path("participants").asLong())
                .as("what leaving out one unit takes away").isGreaterThanOrEqualTo(5));
    }

    @Test
    void badModelChoicesAreRefusedNamingTheField() {
        refused("/api/v1/analytics/comparison?" + QUERY + "&model=three-level", "model");
        refused("/api/v1/analytics/comparison?" + QUERY + "&model=multilevel&unit=institution", "model");
        refused("/api/v1/analytics/comparison?" + QUERY + "&model=multilevel&method=DL", "method");
        refused("/api/v1/analytics/meta-regression?" + QUERY + "&robust=cr3", "robust");
        refused("/api/v1/analytics/cumulative?" + QUERY + "&order=alphabet", "order");
        refused("/api/v1/analytics/bundle.zip?" + QUERY + "&answer=forest", "answer");
    }

    /** A client error (never a 500) whose problem names the field. */
    private void refused(String path, String field) {
        Answer answer = get(path, RESEARCHER_KEY);
        assertThat(answer.status()).as(path).isBetween(400, 499);
        assertThat(answer.body().toString()).as(path).contains(field);
    }

    private JsonNode ok(String path) {
        Answer answer = get(path, RESEARCHER_KEY);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        return answer.body();
    }

    /** The rows an answer shows, as the engine takes them. */
    private record Rows(double[] yi, double[] vi, List<String> institutions, List<String> units) {
    }

    private static Rows rows(JsonNode answer) {
        List<JsonNode> rows = new ArrayList<>();
        answer.path("rows").forEach(rows::add);
        return new Rows(rows.stream().mapToDouble(r -> r.path("yi").asDouble()).toArray(),
                rows.stream().mapToDouble(r -> r.path("vi").asDouble()).toArray(),
                rows.stream().map(r -> r.path("institutionId").asText()).toList(),
                rows.stream().map(r -> r.path("unitId").asText()).toList());
    }

    private static double[][] intercept(int k) {
        double[][] x = new double[k][];
        for (int i = 0; i < k; i++) {
            x[i] = new double[] {1.0};
        }
        return x;
    }

    private static void group(EventStream stream, String institution, String groupId, int members, int shift) {
        List<String> roster = IntStream.range(0, members).mapToObj(i -> institution + "-" + groupId + "-p" + i).toList();
        stream.group(groupId, "prog-l", roster.toArray(String[]::new));
        for (int i = 0; i < members; i++) {
            String p = roster.get(i);
            double baseline = 90 + 3 * i + (i * 7 % 5);
            stream.survey(p + "-pre", p, "prog-l", groupId, Timepoint.BASELINE, baseline);
            stream.survey(p + "-post", p, "prog-l", groupId, Timepoint.POST, baseline + 2 + shift + (i * 5 % 4));
        }
    }
}
