package org.balintobservatory.analytics.answer.comparison.web;

import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.UnitData;
import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.power.ComparisonPower;
import org.balintobservatory.metaanalysis.power.PowerAnalysis;
import org.balintobservatory.metaanalysis.power.SlopePower;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;
import org.balintobservatory.metaanalysis.regression.SubgroupAnalysis;
import org.balintobservatory.metaanalysis.regression.SubgroupResult;
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
 * The power answers: computed from exactly the units the comparison and meta-regression answers show (the
 * selection {@link ComparisonUnits} gives every comparison endpoint, from which disclosure control has taken the
 * withheld units; a unit below the minimum cell size is left out by the engine, as in the comparison), equal to
 * the engine's power on those units, and bad input refused naming its field before any unit is read.
 */
class PowerControllerTest {

    /** The threshold of the scope the units are read in. */
    private static final int MIN_CELL_SIZE = 5;

    private final List<UnitData> loaded = units();
    private int reads;

    @Test
    void theComparisonsPowerIsTheEnginesOnTheUnitsTheComparisonShows() {
        PowerController.ComparisonPlan plan = PowerController.comparisonPlan(query("two-level", "none"), this::selection,
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
        assertThat(plan.header().suppressedUnits()).as("the small unit, and the one disclosure control withheld")
                .isEqualTo(2);
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
        PowerController.RegressionPlan plan = PowerController.regressionPlan(query("two-level", "none"), this::selection,
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
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, "meetingFrequency",
                null, null, null), "difference", "required");
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, "meetingFrequency",
                "abc", null, null), "difference", "number");
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, "meetingFrequency",
                "0", null, null), "difference", "range");
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, "meetingFrequency",
                "1e308", null, null), "difference", "range");
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, "meetingFrequency",
                "NaN", null, null), "difference", "range");
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, "meetingFrequency",
                "0.2", "0.7", null), "alpha", "range");
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, "meetingFrequency",
                "0.2", "0.05", "1"), "target", "range");
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, null,
                "0.2", null, null), "moderator", "required");
        assertField(() -> PowerController.comparisonPlan(query("two-level", "none"), this::selection, "plannedSize",
                "0.2", null, null), "moderator", "categorical");
        assertField(() -> PowerController.comparisonPlan(query("multilevel", "none"), this::selection, "meetingFrequency",
                "0.2", null, null), "model", "two-level");
        assertField(() -> PowerController.regressionPlan(query("two-level", "cr2"), this::selection, "plannedSize",
                null, "0.2", null, null), "robust", "none");
        assertField(() -> PowerController.regressionPlan(query("two-level", "none"), this::selection, "plannedSize",
                "meanDose", "0.2", null, null), "coefficient", "one-of");
        assertThat(reads).as("units read for a refused question").isZero();
    }

    @Test
    void aModelThatCannotBeFittedGivesNoPowerAndSaysWhy() {
        loaded.removeIf(u -> !"WEEKLY".equals(u.moderators().meetingFrequency()));
        PowerController.ComparisonPlan plan = PowerController.comparisonPlan(query("two-level", "none"), this::selection,
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

    private static ComparisonQuery query(String model, String robust) {
        return new ComparisonController.QueryParameters("jse-style", null, null, null, null, null, null, null, null,
                null, null, null, null, null, model, robust).parse();
    }

    /**
     * What {@link ComparisonUnits#select} gives for these units in a release: the units disclosure control
     * lets through, and one it withheld, counted.
     */
    private ComparisonUnits.Selection selection() {
        reads++;
        ReadScope scope = new ReadScope(new MongoReadModelStore(null, 1), Map.of("p-0", 10L), null, "inst-0",
                MIN_CELL_SIZE);
        return new ComparisonUnits.Selection(scope, "HIGHER_IS_BETTER", List.copyOf(loaded), List.of(),
                Withholding.Counts.of(List.of(Withholding.SECONDARY)));
    }

    /** The rows the comparison shows: every unit but the small one. */
    private List<ComparisonEngine.Row> shownRows() {
        return ComparisonEngine.compare(loaded, new ComparisonEngine.Request(
                org.balintobservatory.metaanalysis.effectsize.EffectMeasure.SMCR, ModelOptions.DEFAULTS,
                MIN_CELL_SIZE), null).rows();
    }

    /**
     * Twelve groups of 6 to 11 participants, four of each meeting frequency, with effects that grow with
     * frequency and shrink with size, and one group of four (suppressed for its size).
     */
    private static List<UnitData> units() {
        SplittableRandom random = new SplittableRandom(3);
        String[] frequencies = {"WEEKLY", "FORTNIGHTLY", "MONTHLY"};
        List<UnitData> units = new ArrayList<>();
        for (int g = 0; g < 13; g++) {
            int n = g == 12 ? 4 : 6 + g % 6;
            String frequency = frequencies[g % 3];
            double shift = (3 - g % 3) * 2.0 - 0.3 * n;
            double[] from = new double[n];
            double[] to = new double[n];
            for (int i = 0; i < n; i++) {
                from[i] = 100 + random.nextGaussian() * 12;
                to[i] = from[i] + shift + random.nextGaussian() * 6;
            }
            String id = "inst-" + (g % 4) + "/g-" + g;
            Moderators moderators = new Moderators(1, (double) n + 1, "CLASSIC_BALINT", 2.0, true, frequency, 4.0,
                    "IN_PERSON", "RESIDENT", "FR", Arm.INTERVENTION, n * 0.8 + random.nextDouble(), 10.0, null);
            units.add(new UnitData(id, "inst-" + (g % 4), moderators, PairedMoments.ofPairs(from, to).state(), null));
        }
        return units;
    }
}
