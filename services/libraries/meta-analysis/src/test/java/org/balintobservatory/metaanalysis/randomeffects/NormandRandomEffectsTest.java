package org.balintobservatory.metaanalysis.randomeffects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.effectsize.EffectSize;
import org.balintobservatory.metaanalysis.effectsize.EffectSizes;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.TestType;
import org.junit.jupiter.api.Test;

/**
 * Hedges' g for specialist versus routine stroke care (metafor's {@code dat.normand1999}), pooled
 * by REML and DL.
 *
 * <p>Expected values: R 4.2, metafor 3.8-1,
 * {@code dat <- escalc(measure="SMD", m1i=m1i, sd1i=sd1i, n1i=n1i, m2i=m2i, sd2i=sd2i, n2i=n2i,
 * data=dat.normand1999)}, then the calls named in each test; the REML estimate -0.5371 and
 * tau^2 0.7908 are also those of metafor's documentation.
 */
class NormandRandomEffectsTest {

    private static final Offset<Double> TOLERANCE = within(1e-4);

    private static List<EffectSize> effects() {
        List<EffectSize> effects = new ArrayList<>();
        for (double[] s : MetaforData.NORMAND) {
            effects.add(EffectSizes.smd((long) s[0], s[1], s[2], (long) s[3], s[4], s[5]));
        }
        return effects;
    }

    @Test
    void hedgesGMatchesEscalc() {
        // escalc(measure="SMD", ...)$yi and $vi for studies 1, 3 and 9
        List<EffectSize> effects = effects();

        assertThat(effects.get(0).yi()).isCloseTo(-0.355169640940, TOLERANCE);
        assertThat(effects.get(0).vi()).isCloseTo(0.0130646755415, TOLERANCE);
        assertThat(effects.get(2).yi()).isCloseTo(-2.317569160164, TOLERANCE);
        assertThat(effects.get(2).vi()).isCloseTo(0.0458121102802, TOLERANCE);
        assertThat(effects.get(8).yi()).isCloseTo(0.289556230081, TOLERANCE);
        assertThat(effects.get(8).vi()).isCloseTo(0.0362717341581, TOLERANCE);
        assertThat(effects.get(4).n1()).isEqualTo(8);
        assertThat(effects.get(4).n2()).isEqualTo(13);
        assertThat(effects.get(4).participants()).isEqualTo(21);
    }

    @Test
    void reml() {
        // rma(yi, vi, data=dat) and predict()
        RandomEffectsResult result = RandomEffectsModel.fit(effects(), ModelOptions.DEFAULTS);

        assertThat(result.k()).isEqualTo(9);
        assertThat(result.estimate()).isCloseTo(-0.537108258567, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.308661491598, TOLERANCE);
        assertThat(result.pValue()).isCloseTo(0.0818378218072, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.790842921048, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.428095486920, TOLERANCE);
        assertThat(result.i2()).isCloseTo(95.4949371131, within(1e-3));
        assertThat(result.h2()).isCloseTo(22.1972484094, TOLERANCE);
        assertThat(result.q()).isCloseTo(123.729274360, TOLERANCE);
        assertThat(result.predictionLower()).isCloseTo(-2.38209434481, TOLERANCE);
        assertThat(result.predictionUpper()).isCloseTo(1.30787782768, TOLERANCE);
    }

    @Test
    void derSimonianLaird() {
        // rma(yi, vi, data=dat, method="DL")
        RandomEffectsResult result = RandomEffectsModel.fit(effects(), ModelOptions.of(EstimationMethod.DL, TestType.Z));

        assertThat(result.estimate()).isCloseTo(-0.530737310616, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.259218605677, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.539714374820, TOLERANCE);
        assertThat(result.i2()).isCloseTo(93.5342706555, within(1e-3));
    }
}
