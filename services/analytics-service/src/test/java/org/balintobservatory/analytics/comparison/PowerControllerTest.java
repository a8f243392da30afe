package org.balintobservatory.analytics.comparison;

import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.disclosure.Withholding;
import org.balintobservatory.metaanalysis.model.MetaRegression;
import org.balintobservatory.metaanalysis.model.MetaRegressionResult;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.SubgroupAnalysis;
import org.balintobservatory.metaanalysis.model.SubgroupResult;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.power.ComparisonPower;
import org.balintobservatory.metaanalysis.power.PowerAnalysis;
import org.balintobservatory.metaanalysis.power.SlopePower;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The power answers: computed from exactly the units the comparison and meta-regression answers show (a unit
 * below the minimum cell size and a unit disclosure control withholds are in neither), equal to the engine's
 * power on those units, and bad input refused naming its field.
 */
class PowerControllerTest {

    private static final Caller RESEARCHER = new Caller("key", null, Role.RESEARCHER);

    private final List<UnitSource.LoadedUnit> loaded = units();
    private final PowerController controller = new PowerController(new ComparisonUnits(
            (caller, level, instrument, scale, from, to, since, until, release) ->
                    new UnitSource.LoadedUnits("HIGHER_IS_BETTER", loaded, Map.of("p-0", 10L), 1, "release-1"),
            new AnalyticsProperties("mongodb://x", "db", "kafka:9092", "group", 500, 5000, 5, null)));

    @Test
    void theComparisonsPowerIsTheEnginesOnTheUnitsTheComparisonShows() {
        PowerController.ComparisonPlan plan = controller.comparisonPower(RESEARCHER, query("two-level", "none"),
                "meetingFrequency", "0.3", null, null);

        List<ComparisonEngine.Row> shown = shownRows();
        SubgroupResult subgroups = SubgroupAnalysis.fit(shown.stream().mapToDouble(ComparisonEngine.Row::yi).toArray(),
                shown.stream().mapToDouble(ComparisonEngine.Row::vi).toArray(),
                shown.stream().map(r -> r.moderators().get("meetingFrequency").toString()).toList(), ModelOptions.DEFAULTS);
        double tau2 = subgroups.moderatorModel().tau2();
        List<double[]> variances = new ArrayList<>();
        for (String level : subgroups.levels()) {
            variances.add(shown.stream().filter(r -> level.equals(r.moderators().get("meetingFrequency")))
                    .mapToDouble(ComparisonEngine.Row::vi).toArray());
        }
        ComparisonPower expected = PowerAnalysis.comparison(subgroups.levels(), variances, tau2, 0.3, 0.05, 0.8);

        assertThat(plan.header().k()).isEqualTo(shown.size()).isEqualTo(12);
        assertThat(plan.header().suppressedUnits()).isEqualTo(2);
        assertThat(plan.tau2()).isCloseTo(tau2, within(1e-15));
        assertThat(plan.power()).isCloseTo(expected.power(), within(1e-15));
        assertThat(plan.lambda()).isCloseTo(expected.lambda(), within(1e-15));
        assertThat(plan.df()).isEqualTo(2);
        assertThat(plan.leastFavourablePair()).containsExactly(expected.first(), expected.second());
        assertThat(plan.additionalPerLevel()).isEqualTo(expected.additionalPerLevel()).isPositive();
        assertThat(plan.levels()).extracting(PowerController.PowerLevel::k).containsExactly(4, 4, 4);
        assertThat(plan.alpha()).isEqualTo(0.05);
        assertThat(plan.target()).isEqualTo(0.8);
    }

    @Test
    void theSlopesPowerIsTheEnginesOnTheUnitsTheMetaRegressionShows() {
        PowerController.RegressionPlan plan = controller.regressionPower(RESEARCHER, query("two-level", "none"),
                "meanAttendance,plannedSize", "plannedSize", "-0.02", "0.1", "0.9");

        List<ComparisonEngine.Row> shown = shownRows();
        double[][] x = new double[shown.size()][];
        for (int i = 0; i < shown.size(); i++) {
            Map<String, Object> m = shown.get(i).moderators();
            x[i] = new double[] {1, (Double) m.get("meanAttendance"), (Double) m.get("plannedSize")};
        }
        double[] vi = shown.stream().mapToDouble(ComparisonEngine.Row::vi).toArray();
        MetaRegressionResult fit = MetaRegression.fit(shown.stream().mapToDouble(ComparisonEngine.Row::yi).toArray(),
                vi, x, List.of("intrcpt", "meanAttendance", "plannedSize"), ModelOptions.DEFAULTS);
        SlopePower expected = PowerAnalysis.slope(x, vi, fit.tau2(), 2, -0.02, 0.1, 0.9);

        assertThat(plan.header().k()).isEqualTo(12);
        assertThat(plan.coefficient()).isEqualTo("plannedSize");
        assertThat(plan.se()).isCloseTo(expected.se(), within(1e-15));
        assertThat(plan.power()).isCloseTo(expected.power(), within(1e-15));
        assertThat(plan.additionalUnits()).isEqualTo(expected.additional());
    }

    @Test
    void badInputIsRefusedNamingItsField() {
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), "meetingFrequency",
                null, null, null), "difference", "required");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), "meetingFrequency",
                "abc", null, null), "difference", "number");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), "meetingFrequency",
                "0", null, null), "difference", "range");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), "meetingFrequency",
                "1e308", null, null), "difference", "range");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), "meetingFrequency",
                "NaN", null, null), "difference", "range");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), "meetingFrequency",
                "0.2", "0.7", null), "alpha", "range");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), "meetingFrequency",
                "0.2", "0.05", "1"), "target", "range");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), null,
                "0.2", null, null), "moderator", "required");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("two-level", "none"), "plannedSize",
                "0.2", null, null), "moderator", "categorical");
        assertField(() -> controller.comparisonPower(RESEARCHER, query("multilevel", "none"), "meetingFrequency",
                "0.2", null, null), "model", "two-level");
        assertField(() -> controller.regressionPower(RESEARCHER, query("two-level", "cr2"), "plannedSize",
                null, "0.2", null, null), "robust", "none");
        assertField(() -> controller.regressionPower(RESEARCHER, query("two-level", "none"), "plannedSize",
                "meanDose", "0.2", null, null), "coefficient", "one-of");
    }

    @Test
    void aModelThatCannotBeFittedGivesNoPowerAndSaysWhy() {
        loaded.removeIf(u -> !"WEEKLY".equals(u.profile().meetingFrequency()));
        PowerController.ComparisonPlan plan = controller.comparisonPower(RESEARCHER, query("two-level", "none"),
                "meetingFrequency", "0.3", null, null);

        assertThat(plan.power()).isNull();
        assertThat(plan.levels()).isNull();
        assertThat(plan.notes()).anyMatch(n -> n.contains("at least two levels")).anyMatch(n -> n.contains("No power"));
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
                                    String rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RuleViolationException.class, e -> {
            assertThat(e.violations().get(0).field()).isEqualTo(field);
            assertThat(e.violations().get(0).rule()).isEqualTo(rule);
        });
    }

    private static ComparisonController.QueryParameters query(String model, String robust) {
        return new ComparisonController.QueryParameters("jse-style", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, model, robust);
    }

    /** The rows the comparison shows: every unit but the small one and the withheld one. */
    private List<ComparisonEngine.Row> shownRows() {
        List<UnitData> visible = loaded.stream().filter(u -> u.withholding() == null)
                .map(u -> new UnitData(u.profile(), u.moments())).toList();
        return ComparisonEngine.compare(visible, new ComparisonEngine.Request(
                org.balintobservatory.metaanalysis.effectsize.EffectMeasure.SMCR, ModelOptions.DEFAULTS, 5), null).rows();
    }

    /**
     * Twelve groups of 6 to 11 participants, four of each meeting frequency, with effects that grow with
     * frequency and shrink with size; one group of four (suppressed for its size) and one withheld by
     * disclosure control, whose scores would change every figure if they were used.
     */
    private static List<UnitSource.LoadedUnit> units() {
        SplittableRandom random = new SplittableRandom(3);
        String[] frequencies = {"WEEKLY", "FORTNIGHTLY", "MONTHLY"};
        List<UnitSource.LoadedUnit> units = new ArrayList<>();
        for (int g = 0; g < 14; g++) {
            int n = g == 12 ? 4 : 6 + g % 6;
            String frequency = frequencies[g % 3];
            double shift = (3 - g % 3) * 2.0 - 0.3 * n;
            double[] from = new double[n];
            double[] to = new double[n];
            for (int i = 0; i < n; i++) {
                from[i] = 100 + random.nextGaussian() * 12;
                to[i] = from[i] + shift + random.nextGaussian() * 6 + (g == 13 ? 40 : 0);
            }
            String id = "inst-" + (g % 4) + "/g-" + g;
            UnitProfile profile = new UnitProfile(id, "inst-" + (g % 4), "FR", "RESIDENT", "INTERVENTION",
                    (double) n + 1, "CLASSIC_BALINT", 2.0, true, frequency, "IN_PERSON", n * 0.8 + random.nextDouble(),
                    4.0, 10.0, null);
            Withholding withholding = g == 13 ? Withholding.SECONDARY : null;
            units.add(new UnitSource.LoadedUnit(profile, PairedMoments.ofPairs(from, to).state(), withholding, null));
        }
        return units;
    }
}
