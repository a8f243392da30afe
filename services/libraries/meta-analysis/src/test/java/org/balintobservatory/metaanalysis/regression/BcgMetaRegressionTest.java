package org.balintobservatory.metaanalysis.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.randomeffects.MetaforData;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.junit.jupiter.api.Test;

/**
 * Meta-regressions of the BCG log risk ratios on absolute latitude and publication year
 * (metafor's {@code dat.bcg}).
 *
 * <p>Expected values: R 4.2, metafor 3.8-1, after
 * {@code dat <- escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)}, with the
 * call named in each test, printed with {@code options(digits=12)}. The REML slope -0.0291
 * (se 0.0072) and its Knapp-Hartung se 0.0082 are also the values in metafor's documentation.
 */
class BcgMetaRegressionTest {

    private static final Offset<Double> TOLERANCE = within(1e-4);

    private final double[] yi = MetaforData.bcgYi();
    private final double[] vi = MetaforData.bcgVi();
    private final double[][] ablat = MetaRegression.designMatrix(MetaforData.bcgAblat());
    private final double[][] ablatYear = MetaRegression.designMatrix(MetaforData.bcgAblat(), MetaforData.bcgYear());

    @Test
    void latitudeRemlZ() {
        // rma(yi, vi, mods=~ablat, data=dat)
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablat, List.of("intrcpt", "ablat"), ModelOptions.DEFAULTS);

        Coefficient intercept = result.coefficient("intrcpt");
        Coefficient slope = result.coefficient("ablat");
        assertThat(intercept.estimate()).isCloseTo(0.251464294374, TOLERANCE);
        assertThat(intercept.se()).isCloseTo(0.24910366638913, TOLERANCE);
        assertThat(intercept.pValue()).isCloseTo(0.312746171947, TOLERANCE);
        assertThat(slope.estimate()).isCloseTo(-0.029101660928, TOLERANCE);
        assertThat(slope.se()).isCloseTo(0.00719555475708, TOLERANCE);
        assertThat(slope.statistic()).isCloseTo(-4.04439433935, TOLERANCE);
        assertThat(slope.pValue()).isCloseTo(5.24585597431e-05, within(1e-8));
        assertThat(slope.ciLower()).isCloseTo(-0.0432046891007, TOLERANCE);
        assertThat(slope.ciUpper()).isCloseTo(-0.0149986327554, TOLERANCE);
        assertThat(result.qm()).isCloseTo(16.3571255722, TOLERANCE);
        assertThat(result.qmDf1()).isEqualTo(1);
        assertThat(result.qmDf2()).isNaN();
        assertThat(result.qmPValue()).isCloseTo(5.24585597431e-05, within(1e-8));
        assertThat(result.qe()).isCloseTo(30.7330900107, TOLERANCE);
        assertThat(result.qeDf()).isEqualTo(11);
        assertThat(result.qePValue()).isCloseTo(1.21429098742e-03, within(1e-7));
        assertThat(result.tau2()).isCloseTo(0.0763546947057, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.0590509503749, TOLERANCE);
        assertThat(result.i2()).isCloseTo(68.3931305090, within(1e-3));
        assertThat(result.h2()).isCloseTo(3.16386917181, TOLERANCE);
        assertThat(result.r2()).isCloseTo(75.6244783615, within(1e-3));
        // vcov(res)
        double[][] covariance = result.covariance();
        assertThat(covariance[0][0]).isCloseTo(0.06205263660851, within(1e-6));
        assertThat(covariance[0][1]).isCloseTo(-0.00162029333095, within(1e-7));
        assertThat(covariance[1][1]).isCloseTo(5.17760082621e-05, within(1e-9));
    }

    @Test
    void latitudeRemlKnappHartung() {
        // rma(yi, vi, mods=~ablat, data=dat, test="knha")
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablat, List.of("intrcpt", "ablat"),
                ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        Coefficient slope = result.coefficient("ablat");
        assertThat(result.df()).isEqualTo(11);
        assertThat(slope.estimate()).isCloseTo(-0.029101660928, TOLERANCE);
        assertThat(slope.se()).isCloseTo(0.00820154179601, TOLERANCE);
        assertThat(slope.statistic()).isCloseTo(-3.548315871801, TOLERANCE);
        assertThat(slope.pValue()).isCloseTo(0.00456554558896, within(1e-6));
        assertThat(slope.ciLower()).isCloseTo(-0.0471531327109, TOLERANCE);
        assertThat(slope.ciUpper()).isCloseTo(-0.0110501891451, TOLERANCE);
        assertThat(result.coefficient("intrcpt").ciLower()).isCloseTo(-0.3734615044895, TOLERANCE);
        assertThat(result.coefficient("intrcpt").ciUpper()).isCloseTo(0.8763900932381, TOLERANCE);
        assertThat(result.qm()).isCloseTo(12.5905455260742, TOLERANCE);
        assertThat(result.qmDf1()).isEqualTo(1);
        assertThat(result.qmDf2()).isEqualTo(11);
        assertThat(result.qmPValue()).isCloseTo(0.00456554558896, within(1e-6));
        assertThat(result.r2()).isCloseTo(75.6244783615, within(1e-3));
    }

    @Test
    void latitudeKnappHartungPredictions() {
        // predict(rma(yi, vi, mods=~ablat, data=dat, test="knha"), newmods=c(10, 50))
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablat, ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        Prediction at10 = result.predict(10);
        assertThat(at10.estimate()).isCloseTo(-0.0395523149059, TOLERANCE);
        assertThat(at10.se()).isCloseTo(0.212702629736, TOLERANCE);
        assertThat(at10.ciLower()).isCloseTo(-0.507707646468, TOLERANCE);
        assertThat(at10.ciUpper()).isCloseTo(0.428603016656, TOLERANCE);
        assertThat(at10.predictionLower()).isCloseTo(-0.807052924666, TOLERANCE);
        assertThat(at10.predictionUpper()).isCloseTo(0.727948294854, TOLERANCE);
        Prediction at50 = result.predict(50);
        assertThat(at50.estimate()).isCloseTo(-1.2036187520265, TOLERANCE);
        assertThat(at50.predictionLower()).isCloseTo(-1.948814762868, TOLERANCE);
        assertThat(at50.predictionUpper()).isCloseTo(-0.458422741184, TOLERANCE);
    }

    @Test
    void latitudeDerSimonianLaird() {
        // rma(yi, vi, mods=~ablat, data=dat, method="DL"): generalized DL with the P matrix
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablat, ModelOptions.of(EstimationMethod.DL, TestType.Z));

        assertThat(result.coefficient("x1").estimate()).isCloseTo(-0.0292287387552, TOLERANCE);
        assertThat(result.coefficient("x1").se()).isCloseTo(0.00673301083957, TOLERANCE);
        assertThat(result.coefficient("intrcpt").estimate()).isCloseTo(0.2595437124340, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.0633005024264, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.0548251478566, TOLERANCE);
        assertThat(result.qm()).isCloseTo(18.8452335426, TOLERANCE);
        assertThat(result.i2()).isCloseTo(64.2079595766, within(1e-3));
        assertThat(result.h2()).isCloseTo(2.79391727370, TOLERANCE);
        assertThat(result.r2()).isCloseTo(79.4984944502, within(1e-3));
    }

    @Test
    void latitudeFixedEffect() {
        // rma(yi, vi, mods=~ablat, data=dat, method="FE"); R^2 is metafor's weighted-lm adjusted R^2
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablat, ModelOptions.of(EstimationMethod.FE, TestType.Z));

        assertThat(result.coefficient("intrcpt").estimate()).isCloseTo(0.3435645774466, TOLERANCE);
        assertThat(result.coefficient("x1").estimate()).isCloseTo(-0.0292369342595, TOLERANCE);
        assertThat(result.coefficient("x1").se()).isCloseTo(0.00265242943425, TOLERANCE);
        assertThat(result.qm()).isCloseTo(121.499918072, within(1e-3));
        assertThat(result.qe()).isCloseTo(30.7330900107, TOLERANCE);
        assertThat(result.tau2()).isZero();
        assertThat(result.i2()).isCloseTo(64.2079595766, within(1e-3));
        assertThat(result.h2()).isCloseTo(2.79391727370, TOLERANCE);
        assertThat(result.r2()).isCloseTo(77.9765192143, within(1e-3));
    }

    @Test
    void latitudeAndYearRemlZ() {
        // rma(yi, vi, mods=~ablat+year, data=dat)
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablatYear, List.of("intrcpt", "ablat", "year"),
                ModelOptions.DEFAULTS);

        assertThat(result.p()).isEqualTo(3);
        assertThat(result.coefficient("intrcpt").estimate()).isCloseTo(-3.54550507892072, within(1e-3));
        assertThat(result.coefficient("intrcpt").se()).isCloseTo(29.0958798260650, within(1e-3));
        assertThat(result.coefficient("ablat").estimate()).isCloseTo(-0.02801127521297, TOLERANCE);
        assertThat(result.coefficient("ablat").se()).isCloseTo(0.0102340409465, TOLERANCE);
        assertThat(result.coefficient("ablat").pValue()).isCloseTo(0.00619893080344, within(1e-6));
        assertThat(result.coefficient("year").estimate()).isCloseTo(0.00190755659627, TOLERANCE);
        assertThat(result.coefficient("year").se()).isCloseTo(0.0146838158164, TOLERANCE);
        assertThat(result.coefficient("year").pValue()).isCloseTo(0.89663859784068, TOLERANCE);
        assertThat(result.qm()).isCloseTo(12.20425051497806, TOLERANCE);
        assertThat(result.qmDf1()).isEqualTo(2);
        assertThat(result.qmPValue()).isCloseTo(0.00223810610968, within(1e-6));
        assertThat(result.qe()).isCloseTo(28.32514365625527, TOLERANCE);
        assertThat(result.qeDf()).isEqualTo(10);
        assertThat(result.qePValue()).isCloseTo(0.00160097442224, within(1e-6));
        assertThat(result.tau2()).isCloseTo(0.11078735154601, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.08446222463255, TOLERANCE);
        assertThat(result.i2()).isCloseTo(71.97780107862319, within(1e-3));
        assertThat(result.h2()).isCloseTo(3.56859931943866, TOLERANCE);
        assertThat(result.r2()).isCloseTo(64.63217493969317, within(1e-3));
    }

    @Test
    void latitudeAndYearPrediction() {
        // predict(rma(yi, vi, mods=~ablat+year, data=dat), newmods=cbind(30, 1970))
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablatYear, ModelOptions.DEFAULTS);

        Prediction prediction = result.predict(30, 1970);
        assertThat(prediction.estimate()).isCloseTo(-0.62795684066, TOLERANCE);
        assertThat(prediction.se()).isCloseTo(0.122763224634, TOLERANCE);
        assertThat(prediction.ciLower()).isCloseTo(-0.868568339567, TOLERANCE);
        assertThat(prediction.ciUpper()).isCloseTo(-0.387345341752, TOLERANCE);
        assertThat(prediction.predictionLower()).isCloseTo(-1.32328334111, TOLERANCE);
        assertThat(prediction.predictionUpper()).isCloseTo(0.0673696597878, TOLERANCE);
    }

    @Test
    void latitudeAndYearKnappHartung() {
        // rma(yi, vi, mods=~ablat+year, data=dat, test="knha"): QM is an F(2, 10) statistic
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablatYear, List.of("intrcpt", "ablat", "year"),
                ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        assertThat(result.coefficient("ablat").se()).isCloseTo(0.0113457267813, TOLERANCE);
        assertThat(result.coefficient("ablat").pValue()).isCloseTo(0.0331682152813, within(1e-6));
        assertThat(result.coefficient("ablat").ciLower()).isCloseTo(-0.0532911298583, TOLERANCE);
        assertThat(result.coefficient("ablat").ciUpper()).isCloseTo(-0.00273142056761, TOLERANCE);
        assertThat(result.coefficient("year").se()).isCloseTo(0.0162788641584, TOLERANCE);
        assertThat(result.qm()).isCloseTo(4.96490309751052, TOLERANCE);
        assertThat(result.qmDf1()).isEqualTo(2);
        assertThat(result.qmDf2()).isEqualTo(10);
        assertThat(result.qmPValue()).isCloseTo(0.03180421074818, within(1e-6));
    }

    @Test
    void latitudeAndYearDerSimonianLaird() {
        // rma(yi, vi, mods=~ablat+year, data=dat, method="DL")
        MetaRegressionResult result = MetaRegression.fit(yi, vi, ablatYear, List.of("intrcpt", "ablat", "year"),
                ModelOptions.of(EstimationMethod.DL, TestType.Z));

        assertThat(result.coefficient("ablat").estimate()).isCloseTo(-0.028764483989729, TOLERANCE);
        assertThat(result.coefficient("ablat").se()).isCloseTo(0.00897921223502, TOLERANCE);
        assertThat(result.coefficient("year").estimate()).isCloseTo(0.000772079781769, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.0790389578091, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.0739352391462, TOLERANCE);
        assertThat(result.qm()).isCloseTo(15.9314382703, TOLERANCE);
        assertThat(result.i2()).isCloseTo(64.6956777295, within(1e-3));
        assertThat(result.r2()).isCloseTo(74.4011884572, within(1e-3));
    }

    @Test
    void interceptOnlyMetaRegressionEqualsRandomEffectsModel() {
        // With X = 1, QM tests the intercept (metafor's btt for intercept-only models): QM = z^2.
        double[][] ones = new double[yi.length][];
        for (int i = 0; i < yi.length; i++) {
            ones[i] = new double[] {1.0};
        }
        MetaRegressionResult regression = MetaRegression.fit(yi, vi, ones, ModelOptions.DEFAULTS);
        RandomEffectsResult pooled = RandomEffectsModel.fit(yi, vi);

        assertThat(regression.coefficient("intrcpt").estimate()).isCloseTo(pooled.estimate(), within(1e-12));
        assertThat(regression.qm()).isCloseTo(pooled.statistic() * pooled.statistic(), within(1e-9));
        assertThat(regression.r2()).isNaN();
    }

    @Test
    void structuralMistakesAreProgrammingErrors() {
        double[][] noIntercept = new double[yi.length][];
        for (int i = 0; i < yi.length; i++) {
            noIntercept[i] = new double[] {MetaforData.bcgAblat()[i]};
        }
        assertThatThrownBy(() -> MetaRegression.fit(yi, vi, noIntercept, ModelOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intercept");
        assertThatThrownBy(() -> MetaRegression.fit(yi, vi, ablat, List.of("intrcpt"), ModelOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetaRegression.fit(yi, new double[3], ablat, ModelOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
