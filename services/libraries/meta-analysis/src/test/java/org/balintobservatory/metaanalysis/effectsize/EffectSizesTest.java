package org.balintobservatory.metaanalysis.effectsize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.junit.jupiter.api.Test;

/**
 * Effect sizes against metafor's {@code escalc}.
 *
 * <p>The Morris (2008) treatment groups are those of metafor's analysis example
 * (metafor-project.org, "analyses:morris2008", and metafor's test file
 * {@code tests/testthat/test_analysis_example_morris2008.r}):
 * <pre>
 *   m_pre   = c(30.6, 23.5, 0.5, 53.4, 35.6)
 *   m_post  = c(38.5, 26.8, 0.7, 75.9, 36.0)
 *   sd_pre  = c(15.0, 3.1, 0.1, 14.5, 4.7)
 *   sd_post = c(11.6, 4.1, 0.1, 4.4, 4.6)
 *   ni      = c(20, 50, 9, 10, 14)
 *   ri      = c(.47, .64, .77, .89, .44)
 * </pre>
 * The 4-decimal values are asserted in that test file; the 12-digit ones were produced with R 4.2
 * and metafor 3.8-1 by the call in each test.
 */
class EffectSizesTest {

    private static final Offset<Double> TOLERANCE = within(1e-4);

    private static final double[] M_PRE = {30.6, 23.5, 0.5, 53.4, 35.6};
    private static final double[] M_POST = {38.5, 26.8, 0.7, 75.9, 36.0};
    private static final double[] SD_PRE = {15.0, 3.1, 0.1, 14.5, 4.7};
    private static final double[] SD_POST = {11.6, 4.1, 0.1, 4.4, 4.6};
    private static final long[] NI = {20, 50, 9, 10, 14};
    private static final double[] RI = {.47, .64, .77, .89, .44};

    @Test
    void smcrMatchesMorris2008() {
        // escalc(measure="SMCR", m1i=m_post, m2i=m_pre, sd1i=sd_pre, ni=ni, ri=ri)
        double[] expectedYi = {0.5055527858734, 1.0481248983482, 1.8054066673528, 1.4180817286436, 0.0800836142529};
        double[] expectedVi = {0.0593895904826, 0.0253856580254, 0.2321940685846, 0.1225477894556, 0.0802290494740};
        for (int i = 0; i < 5; i++) {
            EffectSize effect = EffectSizes.smcr(NI[i], M_PRE[i], M_POST[i], SD_PRE[i], RI[i]);
            assertThat(effect.isComputable()).isTrue();
            assertThat(effect.measure()).isEqualTo(EffectMeasure.SMCR);
            assertThat(effect.yi()).as("yi of study %d", i + 1).isCloseTo(expectedYi[i], TOLERANCE);
            assertThat(effect.vi()).as("vi of study %d", i + 1).isCloseTo(expectedVi[i], TOLERANCE);
            assertThat(effect.n1()).isEqualTo(NI[i]);
            assertThat(effect.participants()).isEqualTo(NI[i]);
        }
    }

    @Test
    void smcrRoundedValuesOfMetaforsTestFile() {
        // expect_equivalent(round(datT$yi,4), c(0.5056, 1.0481, 1.8054, 1.4181, 0.0801))
        double[] rounded = {0.5056, 1.0481, 1.8054, 1.4181, 0.0801};
        for (int i = 0; i < 5; i++) {
            double yi = EffectSizes.smcr(NI[i], M_PRE[i], M_POST[i], SD_PRE[i], RI[i]).yi();
            assertThat(Math.round(yi * 1e4) / 1e4).isCloseTo(rounded[i], within(1e-12));
        }
    }

    @Test
    void smccMatchesMorris2008() {
        // escalc(measure="SMCC", m1i=m_post, m2i=m_pre, sd1i=sd_post, sd2i=sd_pre, ni=ni, ri=ri)
        double[] expectedYi = {0.5416636991501, 1.0198024229587, 2.6619269068959, 1.9087725286771, 0.0764742116127};
        double[] expectedVi = {0.0573349890744, 0.0303999698187, 0.5047697143143, 0.2821706283116, 0.0716374394658};
        for (int i = 0; i < 5; i++) {
            EffectSize effect = EffectSizes.smcc(NI[i], M_PRE[i], M_POST[i], SD_PRE[i], SD_POST[i], RI[i]);
            assertThat(effect.yi()).as("yi of study %d", i + 1).isCloseTo(expectedYi[i], TOLERANCE);
            assertThat(effect.vi()).as("vi of study %d", i + 1).isCloseTo(expectedVi[i], TOLERANCE);
        }
    }

    @Test
    void biasCorrectionIsExact() {
        // metafor:::.cmicalc(c(8, 19, 2)); the exact gamma form, not 1 - 3/(4m - 1)
        assertThat(EffectSizes.biasCorrection(8)).isCloseTo(0.902703333676, within(1e-10));
        assertThat(EffectSizes.biasCorrection(19)).isCloseTo(0.959910352924, within(1e-10));
        assertThat(EffectSizes.biasCorrection(2)).isCloseTo(0.564189583548, within(1e-10));
        assertThat(EffectSizes.biasCorrection(1)).isNaN();
    }

    @Test
    void smallestComputableSamplesMatchEscalc() {
        // escalc(measure="SMCR", m1i=2, m2i=1, sd1i=1, ni=3, ri=.5): yi 0.564189583548, vi 0.386384981031
        EffectSize smcr = EffectSizes.smcr(3, 1, 2, 1, 0.5);
        assertThat(smcr.yi()).isCloseTo(0.564189583548, within(1e-10));
        assertThat(smcr.vi()).isCloseTo(0.386384981031, within(1e-10));
        // escalc(measure="SMD", m1i=2, m2i=1, sd1i=1, sd2i=1, n1i=1, n2i=3): a group of one is allowed,
        // its SD does not enter the pooled SD; yi 0.564189583548, vi 1.37312206911
        EffectSize smd = EffectSizes.smd(1, 2, Double.NaN, 3, 1, 1);
        assertThat(smd.yi()).isCloseTo(0.564189583548, within(1e-10));
        assertThat(smd.vi()).isCloseTo(1.37312206911, within(1e-10));
    }

    @Test
    void tooSmallSamplesAreExcludedWithReason() {
        // escalc returns NA for ni = 2 (SMCR) and for n1i + n2i = 3 (SMD)
        EffectSize two = EffectSizes.smcr(2, 1, 2, 1, 0.5);
        assertThat(two.isComputable()).isFalse();
        assertThat(two.yi()).isNaN();
        assertThat(two.exclusionReason()).contains("at least 3 pairs");
        assertThat(EffectSizes.smcr(1, 1, 2, 1, 0.5).isComputable()).isFalse();
        assertThat(EffectSizes.smcc(0, 1, 2, 1, 1, 0.5).isComputable()).isFalse();
        EffectSize smd = EffectSizes.smd(1, 2, 1, 2, 1, 1);
        assertThat(smd.isComputable()).isFalse();
        assertThat(smd.exclusionReason()).contains("n1 + n2 >= 4");
        assertThat(EffectSizes.smd(0, 2, 1, 10, 1, 1).exclusionReason()).contains("non-empty");
    }

    @Test
    void zeroOrInvalidSpreadIsExcludedWithReason() {
        assertThat(EffectSizes.smcr(10, 1, 2, 0, 0.5).exclusionReason()).contains("positive pre-measurement standard deviation");
        assertThat(EffectSizes.smcr(10, 1, 2, -1, 0.5).isComputable()).isFalse();
        assertThat(EffectSizes.smcr(10, 1, 2, 1, 1.5).exclusionReason()).contains("[-1, 1]");
        assertThat(EffectSizes.smcr(10, 1, 2, 1, Double.NaN).isComputable()).isFalse();
        assertThat(EffectSizes.smcr(10, Double.NaN, 2, 1, 0.5).exclusionReason()).contains("finite means");
        // r = 1 and equal SDs: every participant changed by the same amount, the change SD is 0
        assertThat(EffectSizes.smcc(10, 1, 2, 3, 3, 1.0).exclusionReason()).contains("standard deviation is 0");
        assertThat(EffectSizes.smd(10, 2, 0, 10, 1, 0).exclusionReason()).contains("pooled standard deviation");
        assertThat(EffectSizes.smd(10, 2, -1, 10, 1, 1).isComputable()).isFalse();
    }

    @Test
    void pairedMomentsGiveTheSameEffectsAsTheirSummaries() {
        double[] pre = {12, 15, 11, 18, 14, 16, 13, 17};
        double[] post = {15, 16, 14, 21, 15, 19, 13, 20};
        PairedMoments moments = PairedMoments.ofPairs(pre, post);

        EffectSize fromMoments = EffectSizes.smcr(moments);
        EffectSize fromSummary = EffectSizes.smcr(moments.count(), moments.meanFrom(), moments.meanTo(),
                moments.sdFrom(), moments.correlation());
        assertThat(fromMoments).isEqualTo(fromSummary);

        EffectSize smccFromMoments = EffectSizes.smcc(moments);
        EffectSize smccFromSummary = EffectSizes.smcc(moments.count(), moments.meanFrom(), moments.meanTo(),
                moments.sdFrom(), moments.sdTo(), moments.correlation());
        assertThat(smccFromMoments.yi()).isCloseTo(smccFromSummary.yi(), within(1e-12));
        assertThat(smccFromMoments.vi()).isCloseTo(smccFromSummary.vi(), within(1e-12));
    }

    @Test
    void pairedMomentsReferenceValues() {
        // pre <- c(12,15,11,18,14,16,13,17); post <- c(15,16,14,21,15,19,13,20)
        // escalc(measure="SMCR", m1i=mean(post), m2i=mean(pre), sd1i=sd(pre), ni=8, ri=cor(pre, post))
        // escalc(measure="SMCC", m1i=mean(post), m2i=mean(pre), sd1i=sd(post), sd2i=sd(pre), ni=8, ri=cor(pre, post))
        PairedMoments moments = PairedMoments.ofPairs(
                new double[] {12, 15, 11, 18, 14, 16, 13, 17}, new double[] {15, 16, 14, 21, 15, 19, 13, 20});

        assertThat(EffectSizes.smcr(moments).yi()).isCloseTo(0.7705405521, TOLERANCE);
        assertThat(EffectSizes.smcr(moments).vi()).isCloseTo(0.0590684654, TOLERANCE);
        assertThat(EffectSizes.smcc(moments).yi()).isCloseTo(1.5142776491, TOLERANCE);
        assertThat(EffectSizes.smcc(moments).vi()).isCloseTo(0.2683147999, TOLERANCE);
    }

    @Test
    void pairedMomentsWithoutSpreadInOneMeasurement() {
        // Everyone scored 10 before: SMCR has no standardizer; SMCC still has the change SD.
        PairedMoments flatPre = PairedMoments.ofPairs(new double[] {10, 10, 10, 10}, new double[] {11, 13, 12, 14});
        assertThat(EffectSizes.smcr(flatPre).isComputable()).isFalse();
        assertThat(EffectSizes.smcc(flatPre).isComputable()).isTrue();

        // Everyone scored 20 after: the pre/post correlation is undefined, so SMCR's variance is too.
        PairedMoments flatPost = PairedMoments.ofPairs(new double[] {11, 13, 12, 14}, new double[] {20, 20, 20, 20});
        assertThat(EffectSizes.smcr(flatPost).exclusionReason()).contains("correlation");
    }
}
