package org.balintobservatory.metaanalysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.TOLERANCE;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.assertEffect;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.assertVariances;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * nlme's {@code Oats}: yields of four nitrogen doses on the plots of three varieties in six blocks,
 * plots (Block:Variety) nested in blocks; nitrogen varies within a plot, the variety only between
 * plots, as a group's facilitation style varies only between groups. Expected values from
 * {@code src/test/r/mixed-models.R} (lme4 1.1-31, lmerTest 3.1-3), each test naming its call;
 * every lmer call there has {@code control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12))}.
 */
class OatsTest {


    private final List<MixedTestData.Row> rows = MixedTestData.read("oats");

    private List<ClusterStatistics> clusters(boolean withVariety) {
        return MixedTestData.clusters(rows, row -> row.text("Block"), row -> row.text("Variety"),
                row -> withVariety
                        ? new double[] {1, row.number("nitro"), is(row, "Marvellous"), is(row, "Victory")}
                        : new double[] {1, row.number("nitro")},
                row -> row.number("yield"));
    }

    private static double is(MixedTestData.Row row, String variety) {
        return row.text("Variety").equals(variety) ? 1 : 0;
    }

    @Test
    void nitrogenWithinPlots() {
        // lmer(yield ~ nitro + (1 | Block/Variety), oats)
        MixedModelFit fit = NestedInterceptModel.fit(List.of("(Intercept)", "nitro"), clusters(false),
                Estimation.REML);

        assertEffect(fit.fixedEffect("(Intercept)"), 81.8722222222, 6.94528299707, 5.97766194855, 64.8623207858,
                98.8821236586);
        assertEffect(fit.fixedEffect("nitro"), 73.6666666667, 6.78147990008, 52.99999997725, 60.0647405146,
                87.2685928187);
        assertThat(fit.fixedEffect("nitro").p()).isCloseTo(4.30071359653e-15, within(1e-20));
        assertVariances(fit, 121.103432644, 210.423610081, 165.558490687, -296.520876658);
        assertThat(fit.criterion()).isCloseTo(593.041753315, TOLERANCE);
    }

    @Test
    void varietyIsAFixedEffectBetweenPlots() {
        // lmer(yield ~ nitro + Variety + (1 | Block/Variety), oats)
        MixedModelFit fit = NestedInterceptModel.fit(
                List.of("(Intercept)", "nitro", "VarietyMarvellous", "VarietyVictory"), clusters(true),
                Estimation.REML);

        assertEffect(fit.fixedEffect("(Intercept)"), 82.4, 8.05857245573, 10.1097159300, 64.4707600929,
                100.32923990708);
        assertEffect(fit.fixedEffect("nitro"), 73.66666666667, 6.78147988791, 52.9999999521, 60.0647405389,
                87.26859279445);
        assertEffect(fit.fixedEffect("VarietyMarvellous"), 5.29166666667, 7.07890354357, 10.0000012678,
                -10.4811130772, 21.06444641052);
        assertEffect(fit.fixedEffect("VarietyVictory"), -6.875, 7.07890354357, 10.0000012674, -22.6477797439,
                8.89777974393);
        assertThat(fit.fixedEffect("VarietyVictory").p()).isCloseTo(3.54355443185e-01, TOLERANCE);
        assertVariances(fit, 108.943003615, 214.477140494, 165.558490092, -289.445893479);
        assertThat(fit.theta()).containsExactly(new double[] {0.811192532251, 1.138190029615}, within(1e-6));
        assertThat(fit.criterion()).isCloseTo(578.891786957, TOLERANCE);

        // contest(fit, c(0, 0, 1, -1), joint = FALSE, confint = TRUE): Marvellous - Victory
        TestResult difference = fit.contrast(new double[] {0, 0, 1, -1});
        assertThat(difference.estimate()).isCloseTo(12.1666666667, TOLERANCE);
        assertThat(difference.standardError()).isCloseTo(7.07890354357, TOLERANCE);
        assertThat(difference.df()).isCloseTo(10.0000012655, TOLERANCE);
        assertThat(difference.t()).isCloseTo(1.71872191672, TOLERANCE);
        assertThat(difference.p()).isCloseTo(0.116411689385, TOLERANCE);
        assertThat(difference.ciLower()).isCloseTo(-3.60611307767, TOLERANCE);
        assertThat(difference.ciUpper()).isCloseTo(27.939446411, TOLERANCE);
    }

    @Test
    void varietiesTestedTogether() {
        MixedModelFit fit = NestedInterceptModel.fit(
                List.of("(Intercept)", "nitro", "VarietyMarvellous", "VarietyVictory"), clusters(true),
                Estimation.REML);

        // contest(lmer(yield ~ nitro + Variety + (1 | Block/Variety), oats), rbind(c(0, 0, 1, 0), c(0, 0, 0, 1)), joint = TRUE)
        JointTestResult variety = fit.jointTest(new double[][] {{0, 0, 1, 0}, {0, 0, 0, 1}});
        assertThat(variety.numeratorDf()).isEqualTo(2);
        assertThat(variety.denominatorDf()).isCloseTo(10.0000012669, TOLERANCE);
        assertThat(variety.f()).isCloseTo(1.48534050542, TOLERANCE);
        assertThat(variety.p()).isCloseTo(0.272386824916, TOLERANCE);
    }

    @Test
    void maximumLikelihood() {
        // lmer(yield ~ nitro + Variety + (1 | Block/Variety), oats, REML = FALSE)
        MixedModelFit fit = NestedInterceptModel.fit(
                List.of("(Intercept)", "nitro", "VarietyMarvellous", "VarietyVictory"), clusters(true),
                Estimation.ML);

        assertEffect(fit.fixedEffect("(Intercept)"), 82.4, 7.39799497503, 12.4020503188, 66.33891806914,
                98.46108193086);
        assertEffect(fit.fixedEffect("VarietyMarvellous"), 5.29166666667, 6.46212550600, 12.0000000545,
                -8.78809528563, 19.37142861896);
        assertVariances(fit, 84.6540496978, 178.7308906566, 162.4925938717, -300.553865613);
        assertThat(fit.criterion()).isCloseTo(601.107731225, TOLERANCE);
    }

    @Test
    void oneLevelOfRandomIntercepts() {
        // lmer(yield ~ nitro + (1 | plot), oats), plot = paste(Block, Variety)
        List<ClusterStatistics> plots = MixedTestData.clusters(rows, row -> null,
                row -> row.text("Block") + " " + row.text("Variety"), row -> new double[] {1, row.number("nitro")},
                row -> row.number("yield"));
        MixedModelFit fit = NestedInterceptModel.fit(List.of("(Intercept)", "nitro"), plots, Estimation.REML);

        assertThat(fit.outerClusters()).isZero();
        assertThat(fit.innerClusters()).isEqualTo(18);
        assertEffect(fit.fixedEffect("(Intercept)"), 81.8722222222, 4.84574423330, 24.6912773921, 71.8858941425,
                91.858550302);
        assertEffect(fit.fixedEffect("nitro"), 73.6666666667, 6.78147989535, 53.0000000140, 60.0647405243,
                87.268592809);
        assertThat(fit.variance().outer()).isZero();
        assertThat(fit.variance().inner()).isCloseTo(306.771325822, TOLERANCE);
        assertThat(fit.variance().residual()).isCloseTo(165.558490456, TOLERANCE);
        assertThat(fit.theta()).containsExactly(new double[] {1.36123044132}, within(1e-6));
        assertThat(fit.logLikelihood()).isCloseTo(-299.032751306, TOLERANCE);
    }

}
