package org.balintobservatory.metaanalysis.randomeffects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.TestType;
import org.junit.jupiter.api.Test;

/**
 * REML Fisher scoring that oscillates with metafor's default step and converges once the step is
 * halved. Thirteen units of the size of a small moderator level; the expected values come from
 * {@code src/test/r/step-halving.R} (R 4.2, metafor 3.8-1), where {@code rma(yi, vi)} stops with
 * "Fisher scoring algorithm did not converge" and
 * {@code rma(yi, vi, control = list(stepadj = 0.5))} gives the numbers below.
 */
class StepHalvingTest {

    private static final Offset<Double> TOLERANCE = within(1e-6);

    private static final double[] YI = {0.213, 0.418, 0.199, 0.472, 0.393, 0.341, 0.51, 0.507, 0.351, 0.509,
            0.673, 0.371, -0.008};
    private static final double[] VI = {0.0336, 0.0175, 0.00495, 0.0121, 0.0131, 0.0795, 0.0472, 0.0242, 0.017,
            0.0143, 0.0784, 0.035, 0.209};

    @Test
    void halvedStepConvergesWhereTheDefaultOscillates() {
        // rma(yi, vi, control = list(stepadj = 0.5))
        RandomEffectsResult result = RandomEffectsModel.fit(YI, VI);

        assertThat(result.estimable()).isTrue();
        assertThat(result.stepAdjustment()).isEqualTo(0.5);
        assertThat(result.estimate()).isCloseTo(0.37802476006047, TOLERANCE);
        assertThat(result.se()).isCloseTo(0.04598552187164, TOLERANCE);
        assertThat(result.tau2()).isCloseTo(0.00562517320727, TOLERANCE);
        assertThat(result.tau2Se()).isCloseTo(0.00988820243452, TOLERANCE);
        assertThat(result.i2()).isCloseTo(21.91093961576722, within(1e-4));
        assertThat(result.q()).isCloseTo(12.02403148856114, TOLERANCE);
    }

    @Test
    void theAnswerSaysWhichStepConvergedAndHowToAskMetaforTheSame() {
        RandomEffectsResult result = RandomEffectsModel.fit(YI, VI);

        assertThat(result.notes()).anyMatch(note -> note.contains("control = list(stepadj = 0.5)"));
    }

    @Test
    void theDefaultStepIsKeptWhenItConverges() {
        RandomEffectsResult result = RandomEffectsModel.fit(MetaforData.bcgYi(), MetaforData.bcgVi());

        assertThat(result.stepAdjustment()).isEqualTo(1.0);
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void otherEstimatorsHaveNoStepAdjustment() {
        RandomEffectsResult result = RandomEffectsModel.fit(YI, VI, ModelOptions.of(EstimationMethod.DL, TestType.Z));

        assertThat(result.stepAdjustment()).isNaN();
    }
}
