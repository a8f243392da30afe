package org.balintobservatory.metaanalysis.randomeffects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.TestType;
import org.junit.jupiter.api.Test;

/**
 * Random-effects models for the BCG vaccine trials (metafor's {@code dat.bcg}, log risk ratios).
 *
 * <p>Unless a comment names another source, expected values were produced with R 4.2 and metafor
 * 3.8-1 by
 * <pre>
 *   dat &lt;- escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
 * </pre>
 * followed by the call named in each test; printed with {@code options(digits=12)}.
 */
class BcgRandomEffectsTest {

    private static final Offset<Double> TOLERANCE = within(1e-4);

    private final double[] yi = MetaforData.bcgYi();
    private final double[] vi = MetaforData.bcgVi();

    @Test
    void logRiskRatiosMatchEscalc() {
        // escalc(measure="RR", ...)$yi / $vi, trials 1, 8 and 13.
        assertThat(yi[0]).isCloseTo(-0.8893113339202, within(1e-12));
        assertThat(vi[0]).isCloseTo(0.32558476500396, within(1e-12));
        assertThat(yi[7]).isCloseTo(0.0119523335238, within(1e-12));
        assertThat(vi[7]).isCloseTo(0.00396157929782, within(1e-12));
        assertThat(yi[12]).isCloseTo(-0.0173139482169, within(1e-12));
        assertThat(vi[12]).isCloseTo(0.07140465968399, within(1e-12));
    }

    @Test
    void remlMatchesMetaforDocumentation() {
        // rma(yi, vi, data=dat); estimate, se, tau^2, I^2, H^2 and Q as printed in metafor's
        // documentation (Viechtbauer 2010, section 3.1) and reproduced to 12 digits locally.
        RandomEffectsResult result = RandomEffectsModel.fit(yi, vi);

        assertThat(result.estimable()).isTrue();
        assertThat(result.k()).isEqualTo(13);
        assertThat(result.estimate()).isCloseTo(-0.714532348365, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.17978153178, TOLERANCE);
        assertThat(result.statistic()).isCloseTo(-3.97444799412, TOLERANCE);
        assertThat(result.pValue()).isCloseTo(7.05426734852e-05, within(1e-8));
        assertThat(result.ciLower()).isCloseTo(-1.06689767574, TOLERANCE);
        assertThat(result.ciUpper()).isCloseTo(-0.36216702099, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.313243325981, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.166425783099, TOLERANCE);
        assertThat(result.i2()).isCloseTo(92.2213860750, within(1e-3));
        assertThat(result.h2()).isCloseTo(12.8557608031, TOLERANCE);
        assertThat(result.q()).isCloseTo(152.233008082, TOLERANCE);
        assertThat(result.qDf()).isEqualTo(12);
        assertThat(result.qPValue()).isCloseTo(1.99676459085e-26, within(1e-30));
        assertThat(result.df()).isNaN();
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void remlPredictionInterval() {
        // predict(rma(yi, vi, data=dat)): pi.lb, pi.ub
        RandomEffectsResult result = RandomEffectsModel.fit(yi, vi);

        assertThat(result.predictionLower()).isCloseTo(-1.86669234661, TOLERANCE);
        assertThat(result.predictionUpper()).isCloseTo(0.437627649877, TOLERANCE);
    }

    @Test
    void derSimonianLaird() {
        // rma(yi, vi, data=dat, method="DL") and its predict()
        RandomEffectsResult result = RandomEffectsModel.fit(yi, vi, ModelOptions.of(EstimationMethod.DL, TestType.Z));

        assertThat(result.estimate()).isCloseTo(-0.714117222073, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.178742089535, TOLERANCE);
        assertThat(result.statistic()).isCloseTo(-3.99523818889, TOLERANCE);
        assertThat(result.pValue()).isCloseTo(6.46292430470e-05, within(1e-8));
        assertThat(result.ciLower()).isCloseTo(-1.06444528008, TOLERANCE);
        assertThat(result.ciUpper()).isCloseTo(-0.363789164062, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.308760262862, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.229869992511, TOLERANCE);
        assertThat(result.i2()).isCloseTo(92.1173468546, within(1e-3));
        assertThat(result.h2()).isCloseTo(12.6860840069, TOLERANCE);
        assertThat(result.q()).isCloseTo(152.233008082, TOLERANCE);
        assertThat(result.predictionLower()).isCloseTo(-1.85815375273, TOLERANCE);
        assertThat(result.predictionUpper()).isCloseTo(0.429919308586, TOLERANCE);
    }

    @Test
    void maximumLikelihood() {
        // src/test/r/two-level-ml.R: rma(yi, vi, data=dat, method="ML")
        RandomEffectsResult result = RandomEffectsModel.fit(yi, vi, ModelOptions.of(EstimationMethod.ML, TestType.Z));

        assertThat(result.estimate()).isCloseTo(-0.711199139190, within(1e-6));
        assertThat(result.se()).isCloseTo(0.171896817023, within(1e-6));
        assertThat(result.tau2()).isCloseTo(0.280028171050, within(1e-6));
        assertThat(result.tau2Se()).isCloseTo(0.144251964039, within(1e-6));
        assertThat(result.i2()).isCloseTo(91.378284739847, within(1e-4));
        assertThat(result.stepAdjustment()).isEqualTo(1.0);
    }

    @Test
    void fixedEffect() {
        // rma(yi, vi, data=dat, method="FE"): I^2 = max(0, 100 (Q - df) / Q), H^2 = Q / df
        RandomEffectsResult result = RandomEffectsModel.fit(yi, vi, ModelOptions.of(EstimationMethod.FE, TestType.Z));

        assertThat(result.estimate()).isCloseTo(-0.430285163654, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.0404987517109, TOLERANCE);
        assertThat(result.statistic()).isCloseTo(-10.6246525010, TOLERANCE);
        assertThat(result.ciLower()).isCloseTo(-0.509661258426, TOLERANCE);
        assertThat(result.ciUpper()).isCloseTo(-0.350909068882, TOLERANCE);
        assertThat(result.tau2()).isZero();
        assertThat(result.tau2Se()).isNaN();
        assertThat(result.i2()).isCloseTo(92.1173468546, within(1e-3));
        assertThat(result.h2()).isCloseTo(12.6860840069, TOLERANCE);
        // With tau^2 = 0 the prediction interval collapses onto the confidence interval.
        assertThat(result.predictionLower()).isCloseTo(result.ciLower(), within(1e-12));
    }

    @Test
    void remlWithKnappHartung() {
        // rma(yi, vi, data=dat, test="knha") and its predict()
        RandomEffectsResult result = RandomEffectsModel.fit(yi, vi, ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        assertThat(result.test()).isEqualTo(TestType.KNHA);
        assertThat(result.df()).isEqualTo(12);
        assertThat(result.estimate()).isCloseTo(-0.714532348365, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.180791745519, TOLERANCE);
        assertThat(result.statistic()).isCloseTo(-3.95223988968, TOLERANCE);
        assertThat(result.pValue()).isCloseTo(1.92001508513e-03, within(1e-7));
        assertThat(result.ciLower()).isCloseTo(-1.108443723, TOLERANCE);
        assertThat(result.ciUpper()).isCloseTo(-0.32062097373, TOLERANCE);
        assertThat(result.predictionLower()).isCloseTo(-1.99601696702, TOLERANCE);
        assertThat(result.predictionUpper()).isCloseTo(0.566952270292, TOLERANCE);
    }

    @Test
    void derSimonianLairdWithKnappHartung() {
        // rma(yi, vi, data=dat, method="DL", test="knha")
        RandomEffectsResult result = RandomEffectsModel.fit(yi, vi, ModelOptions.of(EstimationMethod.DL, TestType.KNHA));

        assertThat(result.se()).isCloseTo(0.180696628336, TOLERANCE);
        assertThat(result.pValue()).isCloseTo(1.92076676705e-03, within(1e-7));
        assertThat(result.ciLower()).isCloseTo(-1.10782135417, TOLERANCE);
        assertThat(result.ciUpper()).isCloseTo(-0.320413089978, TOLERANCE);
    }

    @Test
    void ninetyPercentLevelGivenAsProportion() {
        // 0.90 is read as 90 %, as metafor's level=0.90; bounds checked against
        // estimate -+ qnorm(0.95) * se of rma(yi, vi, data=dat, level=90).
        RandomEffectsResult result = RandomEffectsModel.fit(yi, vi, ModelOptions.DEFAULTS.withLevel(0.90));

        assertThat(result.level()).isCloseTo(90, within(1e-12));
        assertThat(result.ciLower()).isCloseTo(-0.714532348365 - 1.6448536269514722 * 0.17978153178, TOLERANCE);
    }

    @Test
    void impossibleLevelsAreRejected() {
        assertThatThrownBy(() -> ModelOptions.DEFAULTS.withLevel(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelOptions.DEFAULTS.withLevel(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelOptions.DEFAULTS.withLevel(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
