package org.balintobservatory.metaanalysis.effectsize;

import java.util.Objects;

/**
 * One study's effect size and sampling variance, or the reason it cannot be computed.
 *
 * <p>For the paired measures ({@link EffectMeasure#SMCR}, {@link EffectMeasure#SMCC}) both
 * {@code n1} and {@code n2} hold the number of pairs, since the same participants are measured
 * twice; for {@link EffectMeasure#SMD} they are the two group sizes.
 *
 * @param measure         the outcome measure
 * @param yi              the effect size; {@code NaN} when not computable
 * @param vi              its large-sample sampling variance; {@code NaN} when not computable
 * @param n1              number of pairs (paired measures) or size of group 1 (SMD)
 * @param n2              number of pairs (paired measures) or size of group 2 (SMD)
 * @param exclusionReason why the effect size is not computable, or {@code null} when it is
 */
public record EffectSize(
        EffectMeasure measure, double yi, double vi, long n1, long n2, String exclusionReason) {

    public EffectSize {
        // Requires a measure, and requires finite values exactly when no exclusion reason is given.
        Objects.requireNonNull(measure, "measure");
        if (exclusionReason == null && (!Double.isFinite(yi) || !Double.isFinite(vi))) {
            throw new IllegalArgumentException("a computable effect size needs finite yi and vi");
        }
    }

    static EffectSize computed(EffectMeasure measure, double yi, double vi, long n1, long n2) {
        return new EffectSize(measure, yi, vi, n1, n2, null);
    }

    static EffectSize excluded(EffectMeasure measure, long n1, long n2, String reason) {
        return new EffectSize(measure, Double.NaN, Double.NaN, n1, n2, reason);
    }

    /** @return {@code true} if {@code yi} and {@code vi} are available */
    public boolean isComputable() {
        return exclusionReason == null;
    }

    /** @return the standard error {@code sqrt(vi)}; {@code NaN} when not computable */
    public double sei() {
        return Math.sqrt(vi);
    }

    /** @return number of participants: the pairs for paired measures, {@code n1 + n2} for SMD */
    public long participants() {
        return measure.isPaired() ? n1 : n1 + n2;
    }
}
