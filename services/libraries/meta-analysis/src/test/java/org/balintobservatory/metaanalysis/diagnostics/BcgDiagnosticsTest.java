package org.balintobservatory.metaanalysis.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.randomeffects.MetaforData;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.junit.jupiter.api.Test;

/**
 * Robustness and small-study diagnostics of {@code res <- rma(yi, vi, data = dat)} on the BCG trials.
 * Expected values from {@code src/test/r/diagnostics.R} (R 4.2, metafor 3.8-1), each test naming its
 * call; rows are trials 1..13.
 */
class BcgDiagnosticsTest {

    private static final Offset<Double> TOLERANCE = within(1e-6);

    private final double[] yi = MetaforData.bcgYi();
    private final double[] vi = MetaforData.bcgVi();
    private final List<String> trials = IntStream.rangeClosed(1, 13).mapToObj(String::valueOf).toList();

    @Test
    void leaveOneOut() {
        // leave1out(res)
        Map<String, RandomEffectsResult> fits = Diagnostics.leaveOut(yi, vi, trials, ModelOptions.DEFAULTS);

        assertThat(fits).hasSize(13);
        RandomEffectsResult first = fits.get("1");
        assertThat(first.k()).isEqualTo(12);
        assertThat(first.estimate()).isCloseTo(-0.707083788031, TOLERANCE);
        assertThat(first.se()).isCloseTo(0.189961024703, TOLERANCE);
        assertThat(first.tau2()).isCloseTo(0.336156745300, TOLERANCE);
        assertThat(first.i2()).isCloseTo(93.2259349111, within(1e-4));
        assertThat(first.q()).isCloseTo(151.5825727471, TOLERANCE);
        assertThat(fits.get("8").estimate()).isCloseTo(-0.794767610948, TOLERANCE);
        assertThat(fits.get("8").ciUpper()).isCloseTo(-0.442213772726, TOLERANCE);
        assertThat(fits.get("13").tau2()).isCloseTo(0.303733326561, TOLERANCE);
    }

    @Test
    void leaveOneOutWithDerSimonianLairdAndKnappHartung() {
        // leave1out(rma(yi, vi, data = dat, method = "DL", test = "knha"))
        Map<String, RandomEffectsResult> fits = Diagnostics.leaveOut(yi, vi, trials,
                ModelOptions.of(EstimationMethod.DL, TestType.KNHA));

        assertThat(fits.get("1").estimate()).isCloseTo(-0.705125198417, TOLERANCE);
        assertThat(fits.get("1").se()).isCloseTo(0.193364611885, TOLERANCE);
        assertThat(fits.get("2").pValue()).isCloseTo(0.00413484076337, TOLERANCE);
        assertThat(fits.get("3").ciLower()).isCloseTo(-1.09952330167, TOLERANCE);
    }

    @Test
    void leavingOutAGroupOfStudiesDropsThemTogether() {
        List<String> allocation = MetaforData.BCG_ALLOC;
        Map<String, RandomEffectsResult> fits = Diagnostics.leaveOut(yi, vi, allocation, ModelOptions.DEFAULTS);

        assertThat(fits.keySet()).containsExactly("random", "alternate", "systematic");
        assertThat(fits.get("random").k()).isEqualTo(6);
        assertThat(fits.get("alternate").k()).isEqualTo(11);
    }

    @Test
    void influenceDiagnostics() {
        // influence(res)$inf and $dfbs, rstandard(res)
        Diagnostics.Influence influence = Diagnostics.influence(yi, vi, ModelOptions.DEFAULTS);

        assertThat(influence.rows()).hasSize(13);
        InfluenceRow fourth = influence.rows().get(3);
        assertThat(fourth.rstudent()).isCloseTo(-1.451200071059, TOLERANCE);
        assertThat(fourth.dffits()).isCloseTo(-0.5200506123417, TOLERANCE);
        assertThat(fourth.cooksDistance()).isCloseTo(0.22948142937637, TOLERANCE);
        assertThat(fourth.covarianceRatio()).isCloseTo(0.965126908803, TOLERANCE);
        assertThat(fourth.tau2Deleted()).isCloseTo(0.262758356242, TOLERANCE);
        assertThat(fourth.qDeleted()).isCloseTo(96.5625949714, TOLERANCE);
        assertThat(fourth.hat()).isCloseTo(0.0969874673570, TOLERANCE);
        assertThat(fourth.weight()).isCloseTo(9.69874673570, TOLERANCE);
        assertThat(fourth.dfbetas()).isCloseTo(-0.5138130366055, TOLERANCE);
        assertThat(fourth.residual()).isCloseTo(-0.7270188416562, TOLERANCE);
        assertThat(fourth.residualSe()).isCloseTo(0.548572655820, TOLERANCE);
        assertThat(fourth.standardized()).isCloseTo(-1.325291798529, TOLERANCE);
        InfluenceRow first = influence.rows().get(0);
        assertThat(first.rstudent()).isCloseTo(-0.218142474344, TOLERANCE);
        assertThat(first.cooksDistance()).isCloseTo(0.00171654236729, TOLERANCE);
        assertThat(influence.rows().get(11).standardized()).isCloseTo(1.286664574947, TOLERANCE);
        // No trial is flagged by metafor's rule (print(influence(res)) shows no '*').
        assertThat(influence.rows()).noneMatch(InfluenceRow::influential);
    }

    @Test
    void baujatCoordinates() {
        // baujat(res): x = squared Pearson residual, y = influence on the overall result
        Diagnostics.Influence influence = Diagnostics.influence(yi, vi, ModelOptions.DEFAULTS);

        assertThat(influence.rows().get(7).baujatX()).isCloseTo(1.6638456222975, TOLERANCE);
        assertThat(influence.rows().get(7).baujatY()).isCloseTo(0.198964614242499, TOLERANCE);
        assertThat(influence.rows().get(5).baujatX()).isCloseTo(0.0160055498336, TOLERANCE);
        assertThat(influence.rows().get(5).baujatY()).isCloseTo(0.000333271536546, TOLERANCE);
    }

    @Test
    void eggersRegressionTest() {
        // regtest(res)
        EggerTest egger = Diagnostics.egger(yi, vi, ModelOptions.DEFAULTS);

        assertThat(egger.estimable()).isTrue();
        assertThat(egger.statistic()).isCloseTo(-0.8033291120701, TOLERANCE);
        assertThat(egger.pValue()).isCloseTo(0.4217845356722, TOLERANCE);
        assertThat(egger.slope()).isCloseTo(-0.763240005724, TOLERANCE);
        assertThat(egger.limitEstimate()).isCloseTo(-0.5104318837895, TOLERANCE);
        assertThat(egger.limitLower()).isCloseTo(-1.1182240448943, TOLERANCE);
        assertThat(egger.limitUpper()).isCloseTo(0.0973602773153, TOLERANCE);
    }

    @Test
    void trimAndFill() {
        // trimfill(res)
        TrimAndFillResult result = Diagnostics.trimAndFill(yi, vi, ModelOptions.DEFAULTS);

        assertThat(result.estimable()).isTrue();
        assertThat(result.k0()).isEqualTo(1);
        assertThat(result.k0Se()).isCloseTo(2.45279864318293, TOLERANCE);
        assertThat(result.side()).isEqualTo("right");
        assertThat(result.filledYi()).singleElement().satisfies(y -> assertThat(y).isCloseTo(0.310403024014, TOLERANCE));
        assertThat(result.filledVi()).singleElement().satisfies(v -> assertThat(v).isCloseTo(0.223017247572, TOLERANCE));
        assertThat(result.adjusted().k()).isEqualTo(14);
        assertThat(result.adjusted().estimate()).isCloseTo(-0.657082800760365, TOLERANCE);
        assertThat(result.adjusted().se()).isCloseTo(0.17852846695558, TOLERANCE);
        assertThat(result.adjusted().tau2()).isCloseTo(0.33128803733658, TOLERANCE);
    }

    @Test
    void cumulativeByYear() {
        // cumul(res, order = dat$year)
        Diagnostics.Cumulative cumulative = Diagnostics.cumulative(yi, vi, MetaforData.bcgYear(), ModelOptions.DEFAULTS);

        assertThat(cumulative.order()).containsExactly(0, 1, 5, 2, 9, 8, 11, 4, 6, 10, 12, 3, 7);
        List<RandomEffectsResult> fits = cumulative.fits();
        assertThat(fits.get(0).estimate()).isCloseTo(-0.889311333920, TOLERANCE);
        assertThat(fits.get(0).q()).isNaN();
        assertThat(fits.get(0).notes()).anyMatch(note -> note.contains("Only one study"));
        assertThat(fits.get(2).estimate()).isCloseTo(-0.972079557781, TOLERANCE);
        assertThat(fits.get(2).tau2()).isCloseTo(0.0872063416234, TOLERANCE);
        assertThat(fits.get(7).ciLower()).isCloseTo(-1.17458307682, TOLERANCE);
        assertThat(fits.get(11).estimate()).isCloseTo(-0.794767610948, TOLERANCE);
        // The last cumulative estimate is the full model's.
        assertThat(fits.get(12).estimate()).isCloseTo(-0.714532348365, TOLERANCE);
        assertThat(fits.get(12).i2()).isCloseTo(92.2213860750, within(1e-4));
    }

    @Test
    void influenceOfASingleStudyIsExplainedNotComputed() {
        Diagnostics.Influence influence = Diagnostics.influence(new double[] {0.3}, new double[] {0.02},
                ModelOptions.DEFAULTS);

        assertThat(influence.rows()).isEmpty();
        assertThat(influence.notes()).anyMatch(note -> note.contains("at least two studies"));
    }
}
