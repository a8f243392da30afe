package org.balintobservatory.metaanalysis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.effectsize.EffectSize;
import org.balintobservatory.metaanalysis.effectsize.EffectSizes;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;
import org.balintobservatory.metaanalysis.regression.SubgroupAnalysis;
import org.balintobservatory.metaanalysis.regression.SubgroupResult;
import org.junit.jupiter.api.Test;

/**
 * Inputs that are too small or too regular for the usual machinery. Where metafor gives a number,
 * it was produced with R 4.2 and metafor 3.8-1 by the call in the comment
 * ({@code options(digits=12)}); where this module deliberately differs, the test says so.
 */
class DegenerateCasesTest {

    private static final Offset<Double> TOLERANCE = within(1e-4);

    @Test
    void noStudies() {
        RandomEffectsResult result = RandomEffectsModel.fit(new double[0], new double[0]);

        assertThat(result.estimable()).isFalse();
        assertThat(result.k()).isZero();
        assertThat(result.estimate()).isNaN();
        assertThat(result.tau2()).isNaN();
        assertThat(result.predictionLower()).isNaN();
        assertThat(result.notes()).anyMatch(note -> note.contains("nothing to pool"));
    }

    @Test
    void everyStudyExcludedIsTheSameAsNoStudies() {
        RandomEffectsResult result = RandomEffectsModel.fit(new double[] {0.2, Double.NaN}, new double[] {0, 0.1});

        assertThat(result.estimable()).isFalse();
        assertThat(result.excluded()).extracting(ExcludedStudy::index).containsExactly(0, 1);
        assertThat(result.excluded().get(0).reason()).contains("sampling variance must be positive");
        assertThat(result.excluded().get(1).reason()).contains("effect size is not finite");
    }

    @Test
    void singleStudy() {
        // rma(yi=0.5, vi=0.04): beta 0.5, se 0.2, z 2.5, p 0.0124193306516, CI 0.108007203092 .. 0.891992796908.
        // metafor prints Q = 0, p = 1, I^2 = 0, H^2 = 1 for k = 1; this module reports them as NaN.
        RandomEffectsResult result = RandomEffectsModel.fit(new double[] {0.5}, new double[] {0.04});

        assertThat(result.estimable()).isTrue();
        assertThat(result.k()).isEqualTo(1);
        assertThat(result.estimate()).isCloseTo(0.5, within(1e-12));
        assertThat(result.se()).isCloseTo(0.2, within(1e-15));
        assertThat(result.statistic()).isCloseTo(2.5, within(1e-12));
        assertThat(result.pValue()).isCloseTo(0.0124193306516, TOLERANCE);
        assertThat(result.ciLower()).isCloseTo(0.108007203092, TOLERANCE);
        assertThat(result.ciUpper()).isCloseTo(0.891992796908, TOLERANCE);
        assertThat(result.tau2()).isZero();
        assertThat(result.tau2Se()).isNaN();
        assertThat(result.q()).isNaN();
        assertThat(result.qPValue()).isNaN();
        assertThat(result.i2()).isNaN();
        assertThat(result.h2()).isNaN();
        assertThat(result.predictionLower()).isCloseTo(result.ciLower(), within(1e-15));
        assertThat(result.notes()).anyMatch(note -> note.contains("Only one study"));
    }

    @Test
    void singleStudyFallsBackToZTests() {
        // rma(yi=0.5, vi=0.04, test="knha") warns 'Setting argument test="z" since k=1.'
        RandomEffectsResult result = RandomEffectsModel.fit(new double[] {0.5}, new double[] {0.04},
                ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        assertThat(result.test()).isEqualTo(TestType.Z);
        assertThat(result.df()).isNaN();
        assertThat(result.pValue()).isCloseTo(0.0124193306516, TOLERANCE);
        assertThat(result.notes()).anyMatch(note -> note.contains("Knapp-Hartung needs k > 1"));
    }

    @Test
    void twoStudies() {
        // rma(yi=c(0.5,0.1), vi=c(0.04,0.02)) and predict()
        RandomEffectsResult result = RandomEffectsModel.fit(new double[] {0.5, 0.1}, new double[] {0.04, 0.02});

        assertThat(result.estimate()).isCloseTo(0.275, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.19843134833, TOLERANCE);
        assertThat(result.pValue()).isCloseTo(0.165786683981, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.05, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.11313708499, TOLERANCE);
        assertThat(result.i2()).isCloseTo(62.5, TOLERANCE);
        assertThat(result.h2()).isCloseTo(2.666666666667, TOLERANCE);
        assertThat(result.q()).isCloseTo(2.666666666667, TOLERANCE);
        assertThat(result.qDf()).isEqualTo(1);
        assertThat(result.qPValue()).isCloseTo(0.10247043486, TOLERANCE);
        assertThat(result.predictionLower()).isCloseTo(-0.310944009355, TOLERANCE);
        assertThat(result.predictionUpper()).isCloseTo(0.860944009355, TOLERANCE);
    }

    @Test
    void twoStudiesKnappHartung() {
        // rma(yi=c(0.5,0.1), vi=c(0.04,0.02), test="knha") and predict(): t with 1 df
        RandomEffectsResult result = RandomEffectsModel.fit(new double[] {0.5, 0.1}, new double[] {0.04, 0.02},
                ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        assertThat(result.df()).isEqualTo(1);
        assertThat(result.se()).isCloseTo(0.19843134833, TOLERANCE);
        assertThat(result.pValue()).isCloseTo(0.397922566648, TOLERANCE);
        assertThat(result.ciLower()).isCloseTo(-2.246309337954, TOLERANCE);
        assertThat(result.ciUpper()).isCloseTo(2.796309337954, TOLERANCE);
        assertThat(result.predictionLower()).isCloseTo(-3.52360273226, TOLERANCE);
        assertThat(result.predictionUpper()).isCloseTo(4.07360273226, TOLERANCE);
    }

    @Test
    void twoHomogeneousStudies() {
        // rma(yi=c(0.2,0.25), vi=c(0.04,0.02)): Q below its df, REML stops at tau^2 = 0
        RandomEffectsResult result = RandomEffectsModel.fit(new double[] {0.2, 0.25}, new double[] {0.04, 0.02});

        assertThat(result.estimate()).isCloseTo(0.2333333333333, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.1154700538379, TOLERANCE);
        assertThat(result.tau2()).isZero();
        assertThat(result.tau2Se()).isCloseTo(0.0424264068712, TOLERANCE);
        assertThat(result.i2()).isZero();
        assertThat(result.h2()).isEqualTo(1.0);
        assertThat(result.q()).isCloseTo(0.0416666666667, TOLERANCE);
        assertThat(result.qPValue()).isCloseTo(0.8382564863858, TOLERANCE);
    }

    @Test
    void identicalEffects() {
        // rma(yi=c(0.3,0.3,0.3), vi=c(0.04,0.02,0.05)) and the same with method="DL"
        double[] yi = {0.3, 0.3, 0.3};
        double[] vi = {0.04, 0.02, 0.05};
        RandomEffectsResult reml = RandomEffectsModel.fit(yi, vi);
        RandomEffectsResult dl = RandomEffectsModel.fit(yi, vi, ModelOptions.of(EstimationMethod.DL, TestType.Z));

        assertThat(reml.estimate()).isCloseTo(0.3, within(1e-12));
        assertThat(reml.se()).isCloseTo(0.10259783520852, TOLERANCE);
        assertThat(reml.pValue()).isCloseTo(0.00345522226752, TOLERANCE);
        assertThat(reml.tau2()).isZero();
        assertThat(reml.tau2Se()).isCloseTo(0.03358757210636, TOLERANCE);
        assertThat(reml.i2()).isZero();
        assertThat(reml.h2()).isEqualTo(1.0);
        assertThat(reml.q()).isCloseTo(0, within(1e-12));
        assertThat(reml.qPValue()).isCloseTo(1, within(1e-12));
        assertThat(dl.tau2()).isZero();
        assertThat(dl.tau2Se()).isCloseTo(0.0345454545455, TOLERANCE);
        assertThat(dl.i2()).isZero();
    }

    @Test
    void identicalEffectsWithKnappHartungHaveZeroStandardError() {
        // rma(yi=c(0.3,0.3,0.3), vi=c(0.04,0.02,0.05), test="knha"): se 0, pval 0 (s^2 = 0 in metafor)
        RandomEffectsResult result = RandomEffectsModel.fit(new double[] {0.3, 0.3, 0.3}, new double[] {0.04, 0.02, 0.05},
                ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        assertThat(result.se()).isZero();
        assertThat(result.ciLower()).isCloseTo(0.3, within(1e-12));
        assertThat(result.notes()).anyMatch(note -> note.contains("Knapp-Hartung scale factor is 0"));
    }

    @Test
    void zeroVarianceStudyIsExcludedNotPooled() {
        // The study with vi = 0 is left out; the rest equals rma(yi=c(0.5,0.1), vi=c(0.04,0.02)).
        RandomEffectsResult result = RandomEffectsModel.fit(new double[] {0.5, 0.9, 0.1}, new double[] {0.04, 0.0, 0.02});

        assertThat(result.k()).isEqualTo(2);
        assertThat(result.excluded()).containsExactly(new ExcludedStudy(1,
                "sampling variance must be positive, got 0.0 (a study cannot be infinitely precise; check the input data)"));
        assertThat(result.estimate()).isCloseTo(0.275, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.05, TOLERANCE);
        assertThat(result.notes()).contains("1 of 3 studies excluded; see excluded() for the reasons.");
    }

    @Test
    void notComputableEffectSizesAreExcludedWithTheirReason() {
        List<EffectSize> effects = List.of(
                EffectSizes.smcr(20, 30.6, 38.5, 15.0, 0.47),
                EffectSizes.smcr(2, 10, 12, 3, 0.5),
                EffectSizes.smcr(50, 23.5, 26.8, 3.1, 0.64));
        RandomEffectsResult result = RandomEffectsModel.fit(effects, ModelOptions.DEFAULTS);

        assertThat(result.k()).isEqualTo(2);
        assertThat(result.excluded()).hasSize(1);
        assertThat(result.excluded().get(0).index()).isEqualTo(1);
        assertThat(result.excluded().get(0).reason()).contains("at least 3 pairs");
    }

    @Test
    void metaRegressionNeedsOneStudyMoreThanCoefficients() {
        // metafor stops with "Number of parameters to be estimated is larger than the number of observations."
        MetaRegressionResult result = MetaRegression.fit(new double[] {0.1, 0.5}, new double[] {0.01, 0.02},
                MetaRegression.designMatrix(new double[] {1, 2}), ModelOptions.DEFAULTS);

        assertThat(result.estimable()).isFalse();
        assertThat(result.coefficients()).allSatisfy(c -> assertThat(c.estimate()).isNaN());
        assertThat(result.notes()).anyMatch(note -> note.contains("at least 3 are needed"));
        assertThat(result.predict(1.5).estimate()).isNaN();
    }

    @Test
    void metaRegressionWithOneResidualDegreeOfFreedom() {
        // rma(yi=c(0.1,0.5,0.2), vi=c(.01,.02,.03), mods=~c(1,2,4))
        MetaRegressionResult result = MetaRegression.fit(new double[] {0.1, 0.5, 0.2}, new double[] {0.01, 0.02, 0.03},
                MetaRegression.designMatrix(new double[] {1, 2, 4}), ModelOptions.DEFAULTS);

        assertThat(result.coefficients().get(0).estimate()).isCloseTo(0.2272727272727, TOLERANCE);
        assertThat(result.coefficients().get(1).estimate()).isCloseTo(0.0155844155844, TOLERANCE);
        assertThat(result.coefficients().get(0).se()).isCloseTo(0.3533279127546, TOLERANCE);
        assertThat(result.coefficients().get(1).se()).isCloseTo(0.1391672217201, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.0685714285714, TOLERANCE);
        assertThat(result.qe()).isCloseTo(4.84, TOLERANCE);
        assertThat(result.qePValue()).isCloseTo(0.027806895027, TOLERANCE);
        assertThat(result.qm()).isCloseTo(0.0125402769311, TOLERANCE);
        assertThat(result.qmPValue()).isCloseTo(0.91083658616, TOLERANCE);
        assertThat(result.i2()).isCloseTo(79.3388429752066, within(1e-3));
        assertThat(result.h2()).isCloseTo(4.84, TOLERANCE);
        assertThat(result.r2()).isZero();
    }

    @Test
    void collinearModeratorsAreNotEstimable() {
        double[] a = {1, 2, 3, 4, 5};
        double[] twiceA = {2, 4, 6, 8, 10};
        MetaRegressionResult result = MetaRegression.fit(new double[] {0.1, 0.3, 0.2, 0.5, 0.4},
                new double[] {0.01, 0.02, 0.03, 0.02, 0.01}, MetaRegression.designMatrix(a, twiceA), ModelOptions.DEFAULTS);

        assertThat(result.estimable()).isFalse();
        assertThat(result.notes()).anyMatch(note -> note.contains("rank deficient"));
    }

    @Test
    void fixedEffectSaturatedModelHasNoResidualHeterogeneity() {
        // k = p is allowed for FE (metafor prints QE = 0, p = 1 there; reported as NaN here).
        MetaRegressionResult result = MetaRegression.fit(new double[] {0.1, 0.5}, new double[] {0.01, 0.02},
                MetaRegression.designMatrix(new double[] {1, 2}), ModelOptions.of(EstimationMethod.FE, TestType.Z));

        assertThat(result.estimable()).isTrue();
        assertThat(result.coefficients().get(1).estimate()).isCloseTo(0.4, within(1e-12));
        assertThat(result.qe()).isNaN();
        assertThat(result.qeDf()).isZero();
        assertThat(result.notes()).anyMatch(note -> note.contains("No residual degrees of freedom"));
    }

    @Test
    void subgroupsWithOneLevelAndMissingLabels() {
        ArrayList<String> groups = new ArrayList<>(List.of("a", "a"));
        groups.add(null);
        SubgroupResult result = SubgroupAnalysis.fit(new double[] {0.5, 0.1, 0.3}, new double[] {0.04, 0.02, 0.03},
                groups, ModelOptions.DEFAULTS);

        assertThat(result.levels()).containsExactly("a");
        assertThat(result.subgroups().get("a").estimate()).isCloseTo(0.275, TOLERANCE);
        assertThat(result.excluded()).containsExactly(new ExcludedStudy(2, "subgroup label is missing"));
        assertThat(result.moderatorModel().estimable()).isFalse();
        assertThat(result.notes()).anyMatch(note -> note.contains("at least two levels"));
    }

    @Test
    void subgroupWithASingleStudy() {
        // Level "b" has one study: its own model is the k = 1 case; the moderator model still fits.
        SubgroupResult result = SubgroupAnalysis.fit(new double[] {0.5, 0.1, 0.9}, new double[] {0.04, 0.02, 0.05},
                List.of("a", "a", "b"), ModelOptions.DEFAULTS);

        RandomEffectsResult single = result.subgroups().get("b");
        assertThat(single.k()).isEqualTo(1);
        assertThat(single.estimate()).isCloseTo(0.9, within(1e-12));
        assertThat(single.i2()).isNaN();
        assertThat(result.moderatorModel().estimable()).isTrue();
        assertThat(result.moderatorModel().qmDf1()).isEqualTo(1);
    }
}
