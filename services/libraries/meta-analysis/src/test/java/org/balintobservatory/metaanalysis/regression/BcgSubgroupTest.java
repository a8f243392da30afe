package org.balintobservatory.metaanalysis.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.randomeffects.MetaforData;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.junit.jupiter.api.Test;

/**
 * Subgroup analysis of the BCG trials by treatment allocation (metafor's {@code dat.bcg$alloc}).
 *
 * <p>Expected values: R 4.2, metafor 3.8-1, after
 * {@code dat <- escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)}, printed
 * with {@code options(digits=12)}; calls named in each test.
 */
class BcgSubgroupTest {

    private static final Offset<Double> TOLERANCE = within(1e-4);

    private final double[] yi = MetaforData.bcgYi();
    private final double[] vi = MetaforData.bcgVi();

    @Test
    void moderatorModelRemlZ() {
        // rma(yi, vi, mods=~factor(alloc), data=dat); reference level "alternate"
        SubgroupResult result = SubgroupAnalysis.fit(yi, vi, MetaforData.BCG_ALLOC, ModelOptions.DEFAULTS);

        assertThat(result.levels()).containsExactly("alternate", "random", "systematic");
        MetaRegressionResult model = result.moderatorModel();
        assertThat(model.coefficients()).extracting(Coefficient::name)
                .containsExactly("intrcpt", "random", "systematic");
        assertThat(model.coefficient("intrcpt").estimate()).isCloseTo(-0.5179558105316, TOLERANCE);
        assertThat(model.coefficient("intrcpt").se()).isCloseTo(0.441194000819, TOLERANCE);
        assertThat(model.coefficient("random").estimate()).isCloseTo(-0.4478182236419, TOLERANCE);
        assertThat(model.coefficient("random").se()).isCloseTo(0.515821120533, TOLERANCE);
        assertThat(model.coefficient("systematic").estimate()).isCloseTo(0.0890381476549, TOLERANCE);
        assertThat(model.coefficient("systematic").pValue()).isCloseTo(0.873679315401, TOLERANCE);
        assertThat(model.qm()).isCloseTo(1.76751304177, TOLERANCE);
        assertThat(model.qmDf1()).isEqualTo(2);
        assertThat(model.qmPValue()).isCloseTo(0.413227693943, TOLERANCE);
        assertThat(model.qe()).isCloseTo(132.367638263, TOLERANCE);
        assertThat(model.qeDf()).isEqualTo(10);
        assertThat(model.qePValue()).isCloseTo(1.53521295642e-23, within(1e-27));
        assertThat(model.tau2()).isCloseTo(0.361502855889, TOLERANCE);
        assertThat(model.tau2Se()).isCloseTo(0.211120438818, TOLERANCE);
        assertThat(model.i2()).isCloseTo(88.7708812797, within(1e-3));
        assertThat(model.h2()).isCloseTo(8.90541835839, TOLERANCE);
        // tau^2 grows with the moderator, so metafor truncates R^2 at 0.
        assertThat(model.r2()).isZero();
    }

    @Test
    void moderatorModelKnappHartung() {
        // rma(yi, vi, mods=~factor(alloc), data=dat, test="knha")
        SubgroupResult result = SubgroupAnalysis.fit(yi, vi, MetaforData.BCG_ALLOC,
                ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        MetaRegressionResult model = result.moderatorModel();
        assertThat(model.qm()).isCloseTo(0.966219985593, TOLERANCE);
        assertThat(model.qmDf1()).isEqualTo(2);
        assertThat(model.qmDf2()).isEqualTo(10);
        assertThat(model.qmPValue()).isCloseTo(0.413384043387, TOLERANCE);
        assertThat(model.coefficient("random").se()).isCloseTo(0.493318529240, TOLERANCE);
        assertThat(model.coefficient("intrcpt").ciLower()).isCloseTo(-1.45811232010, TOLERANCE);
    }

    @Test
    void moderatorModelDerSimonianLaird() {
        // rma(yi, vi, mods=~factor(alloc), data=dat, method="DL")
        SubgroupResult result = SubgroupAnalysis.fit(yi, vi, MetaforData.BCG_ALLOC,
                ModelOptions.of(EstimationMethod.DL, TestType.Z));

        MetaRegressionResult model = result.moderatorModel();
        assertThat(model.tau2()).isCloseTo(0.559568750128, TOLERANCE);
        assertThat(model.qm()).isCloseTo(1.43491245192, TOLERANCE);
        assertThat(model.qmPValue()).isCloseTo(0.487992019883, TOLERANCE);
        assertThat(model.i2()).isCloseTo(92.4452833553, within(1e-3));
    }

    @Test
    void separateModelPerLevelReml() {
        // rma(yi, vi, data=dat, subset=alloc=="alternate" / "random" / "systematic") and predict()
        SubgroupResult result = SubgroupAnalysis.fit(yi, vi, MetaforData.BCG_ALLOC, ModelOptions.DEFAULTS);

        RandomEffectsResult alternate = result.subgroups().get("alternate");
        assertThat(alternate.k()).isEqualTo(2);
        assertThat(alternate.estimate()).isCloseTo(-0.5407929618493, TOLERANCE);
        assertThat(alternate.se()).isCloseTo(0.2816016131039, TOLERANCE);
        assertThat(alternate.tau2()).isCloseTo(0.1325770398781, TOLERANCE);
        assertThat(alternate.q()).isCloseTo(5.5625135079838, TOLERANCE);
        // predict(rma(yi, vi, data=dat, subset=alloc=="alternate"))
        assertThat(alternate.predictionLower()).isCloseTo(-1.44296527467, TOLERANCE);
        assertThat(alternate.predictionUpper()).isCloseTo(0.36137935097, TOLERANCE);

        RandomEffectsResult random = result.subgroups().get("random");
        assertThat(random.k()).isEqualTo(7);
        assertThat(random.estimate()).isCloseTo(-0.970964475758, TOLERANCE);
        assertThat(random.se()).isCloseTo(0.275955701509, TOLERANCE);
        assertThat(random.tau2()).isCloseTo(0.392526549118, TOLERANCE);
        assertThat(random.i2()).isCloseTo(89.9342820817, within(1e-3));
        assertThat(random.q()).isCloseTo(110.213261175, TOLERANCE);

        RandomEffectsResult systematic = result.subgroups().get("systematic");
        assertThat(systematic.k()).isEqualTo(4);
        assertThat(systematic.estimate()).isCloseTo(-0.424207342954399, TOLERANCE);
        assertThat(systematic.tau2()).isCloseTo(0.400346296813917, TOLERANCE);
        assertThat(systematic.h2()).isCloseTo(7.364926403836827, TOLERANCE);
        assertThat(systematic.qPValue()).isCloseTo(0.000857329632388, within(1e-7));
    }

    @Test
    void separateModelPerLevelDerSimonianLaird() {
        // rma(yi, vi, data=dat, subset=alloc=="random", method="DL") and its predict()
        SubgroupResult result = SubgroupAnalysis.fit(yi, vi, MetaforData.BCG_ALLOC,
                ModelOptions.of(EstimationMethod.DL, TestType.Z));

        RandomEffectsResult random = result.subgroups().get("random");
        assertThat(random.estimate()).isCloseTo(-1.00416135400, TOLERANCE);
        assertThat(random.tau2()).isCloseTo(0.763062754371, TOLERANCE);
        assertThat(random.predictionLower()).isCloseTo(-2.85752892478, TOLERANCE);
        assertThat(random.predictionUpper()).isCloseTo(0.849206216783, TOLERANCE);
    }
}
