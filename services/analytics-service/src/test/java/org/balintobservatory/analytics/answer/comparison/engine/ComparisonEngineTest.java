package org.balintobservatory.analytics.answer.comparison.engine;

import org.apache.commons.numbers.gamma.LogGamma;
import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The comparison wiring, checked against numbers computed here from first principles: SMCR by its
 * defining formula (metafor's escalc documentation, Morris 2008) and the DerSimonian–Laird estimate by
 * its closed form (DerSimonian and Laird 1986), both independent of the engine's code.
 */
class ComparisonEngineTest {

    private static final ComparisonEngine.Request DL =
            new ComparisonEngine.Request(EffectMeasure.SMCR, ModelOptions.of(EstimationMethod.DL, TestType.Z), 5);

    @Test
    void eachUnitsSmcrAndThePooledDerSimonianLairdEstimateMatchTheirFormulas() {
        List<UnitData> units = List.of(
                unit("a/g1", 6, new double[] {50, 52, 47, 55, 60, 49}, new double[] {55, 56, 50, 59, 61, 55}),
                unit("a/g2", 8, new double[] {40, 45, 50, 38, 42, 47, 51, 44}, new double[] {41, 49, 52, 40, 47, 47, 56, 45}),
                unit("b/g1", 12, new double[] {60, 58, 61, 57, 63, 59, 62}, new double[] {61, 58, 60, 59, 63, 62, 62}),
                unit("b/g2", 10, new double[] {45, 48, 44, 50, 46, 47}, new double[] {52, 51, 50, 55, 49, 53}));

        ComparisonEngine.Comparison result = ComparisonEngine.compare(units, DL, null);

        double[] yi = new double[units.size()];
        double[] vi = new double[units.size()];
        for (int i = 0; i < units.size(); i++) {
            PairedMoments m = PairedMoments.of(units.get(i).moments());
            long n = m.count();
            // yi = J(n-1) (m_to - m_from) / sd_from, J(k) = Γ(k/2) / (sqrt(k/2) Γ((k-1)/2));
            // vi = 2(1 - r)/n + yi² / (2n)
            double k = n - 1;
            double j = Math.exp(LogGamma.value(k / 2) - Math.log(Math.sqrt(k / 2)) - LogGamma.value((k - 1) / 2));
            yi[i] = j * (m.meanTo() - m.meanFrom()) / m.sdFrom();
            vi[i] = 2 * (1 - m.correlation()) / n + yi[i] * yi[i] / (2 * n);
            assertThat(result.rows().get(i).yi()).isCloseTo(yi[i], within(1e-12));
            assertThat(result.rows().get(i).vi()).isCloseTo(vi[i], within(1e-12));
        }
        // DL: w = 1/v, Q = Σw(y - ȳ_w)², τ² = max(0, (Q - (k-1)) / (Σw - Σw²/Σw)), estimate = Σw*y/Σw* with w* = 1/(v+τ²)
        double sw = 0, swy = 0, sw2 = 0;
        for (int i = 0; i < yi.length; i++) {
            sw += 1 / vi[i];
            swy += yi[i] / vi[i];
            sw2 += 1 / (vi[i] * vi[i]);
        }
        double fixed = swy / sw;
        double q = 0;
        for (int i = 0; i < yi.length; i++) {
            q += (yi[i] - fixed) * (yi[i] - fixed) / vi[i];
        }
        double tau2 = Math.max(0, (q - (yi.length - 1)) / (sw - sw2 / sw));
        double sws = 0, swsy = 0;
        for (int i = 0; i < yi.length; i++) {
            sws += 1 / (vi[i] + tau2);
            swsy += yi[i] / (vi[i] + tau2);
        }
        assertThat(result.overall().tau2()).isCloseTo(tau2, within(1e-10));
        assertThat(result.overall().estimate()).isCloseTo(swsy / sws, within(1e-10));
        assertThat(result.overall().se()).isCloseTo(Math.sqrt(1 / sws), within(1e-10));
        assertThat(result.overall().q()).isCloseTo(q, within(1e-10));
    }

    @Test
    void aUnitBelowTheMinimumCellSizeIsLeftOutOfEveryEstimateNotOnlyHidden() {
        UnitData small = unit("c/g1", 8, new double[] {40, 60, 50, 45}, new double[] {80, 90, 85, 88});
        List<UnitData> withSmall = new ArrayList<>(List.of(
                unit("a/g1", 6, new double[] {50, 52, 47, 55, 60, 49}, new double[] {55, 56, 50, 59, 61, 55}),
                unit("b/g1", 12, new double[] {60, 58, 61, 57, 63, 59, 62}, new double[] {61, 58, 60, 59, 63, 62, 62}),
                small));

        ComparisonEngine.Comparison with = ComparisonEngine.compare(withSmall, DL, null);
        ComparisonEngine.Comparison without = ComparisonEngine.compare(withSmall.subList(0, 2), DL, null);

        assertThat(with.suppressedUnits()).isEqualTo(1);
        assertThat(with.rows()).extracting(ComparisonEngine.Row::unitId).containsExactly("a/g1", "b/g1");
        assertThat(with.overall().estimate()).isEqualTo(without.overall().estimate());
    }

    @Test
    void unitsAreComparedByTheBucketOfTheirPlannedSize() {
        List<UnitData> units = List.of(
                unit("a/g1", 6, new double[] {50, 52, 47, 55, 60, 49}, new double[] {55, 56, 50, 59, 61, 55}),
                unit("a/g2", 5, new double[] {40, 45, 50, 38, 42, 47}, new double[] {44, 49, 52, 40, 47, 50}),
                unit("b/g1", 12, new double[] {60, 58, 61, 57, 63, 59, 62}, new double[] {61, 58, 60, 59, 63, 62, 62}),
                unit("b/g2", 11, new double[] {45, 48, 44, 50, 46, 47}, new double[] {46, 47, 46, 51, 46, 49}));

        ComparisonEngine.Comparison result = ComparisonEngine.compare(units, DL, Moderator.GROUP_SIZE);

        assertThat(result.subgroups().levels()).containsExactly("10-12", "<=6");
        assertThat(result.subgroups().subgroups().get("<=6").k()).isEqualTo(2);
        assertThat(result.subgroups().moderatorModel().qmDf1()).isEqualTo(1);
    }

    @Test
    void moderatorBucketsFollowTheDocumentedBoundaries() {
        assertThat(Moderator.sizeBucket(6.0)).isEqualTo("<=6");
        assertThat(Moderator.sizeBucket(6.6)).isEqualTo("7-9");
        assertThat(Moderator.sizeBucket(12.0)).isEqualTo("10-12");
        assertThat(Moderator.sizeBucket(13.0)).isEqualTo(">=13");
        assertThat(Moderator.frequencyBucket(4.3)).isEqualTo("WEEKLY");
        assertThat(Moderator.frequencyBucket(2.2)).isEqualTo("FORTNIGHTLY");
        assertThat(Moderator.frequencyBucket(1.0)).isEqualTo("MONTHLY");
    }

    private static UnitData unit(String id, int plannedSize, double[] from, double[] to) {
        Moderators moderators = new Moderators(1, (double) plannedSize, "CLASSIC_BALINT", 2.0, true, "WEEKLY", 4.0,
                "IN_PERSON", "RESIDENT", "FR", Arm.INTERVENTION, 6.0, 10.0, null);
        return new UnitData(id, id.substring(0, 1), moderators, PairedMoments.ofPairs(from, to).state(), null);
    }
}
