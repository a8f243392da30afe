package org.balintobservatory.metaanalysis.mixed;

/**
 * An F test that several linear combinations of the fixed effects are all 0, with Satterthwaite's
 * denominator degrees of freedom, as {@code lmerTest::contest(fit, L, joint = TRUE)} and the rows of
 * lmerTest's {@code anova(fit)}: a categorical moderator's levels tested together.
 *
 * @param numeratorDf   the rank q of {@code L C L'}
 * @param denominatorDf Satterthwaite's degrees of freedom for F (Fai &amp; Cornelius 1996)
 * @param f             {@code (L beta)' (L C L')^- (L beta) / q}
 * @param p             {@code P(F(q, denominatorDf) > f)}
 */
public record JointTestResult(int numeratorDf, double denominatorDf, double f, double p) {
}
