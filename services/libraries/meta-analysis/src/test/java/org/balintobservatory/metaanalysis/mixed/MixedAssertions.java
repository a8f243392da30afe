package org.balintobservatory.metaanalysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.assertj.core.data.Percentage;

/** How the mixed-model tests compare a fit with lme4 and lmerTest. */
final class MixedAssertions {

    /**
     * Relative 1e-6. lme4's bobyqa stops a few 1e-7 (relative) short of the maximum even at
     * {@code rhoend = 1e-12}, where the likelihood is flat; lmerTest's Hessian comes from numerical
     * differences of the deviance, good to about 1e-7 relative (in the balanced {@code Oats} design it
     * gives 10.0000012678 df where the exact value is 10).
     */
    static final Percentage TOLERANCE = withinPercentage(1e-4);

    private MixedAssertions() {
    }

    /** A coefficient's row of {@code summary(fit)} and its {@code contest(..., confint = TRUE)} interval. */
    static void assertEffect(FixedEffect effect, double estimate, double se, double df, double lower, double upper) {
        assertThat(effect.estimate()).isCloseTo(estimate, TOLERANCE);
        assertThat(effect.standardError()).isCloseTo(se, TOLERANCE);
        assertThat(effect.df()).isCloseTo(df, TOLERANCE);
        assertThat(effect.ciLower()).isCloseTo(lower, TOLERANCE);
        assertThat(effect.ciUpper()).isCloseTo(upper, TOLERANCE);
    }

    /** {@code as.data.frame(VarCorr(fit))$vcov}: inner, outer, residual, and {@code logLik(fit)}. */
    static void assertVariances(MixedModelFit fit, double inner, double outer, double residual, double logLik) {
        assertThat(fit.variance().inner()).isCloseTo(inner, TOLERANCE);
        assertThat(fit.variance().outer()).isCloseTo(outer, TOLERANCE);
        assertThat(fit.variance().residual()).isCloseTo(residual, TOLERANCE);
        assertThat(fit.logLikelihood()).isCloseTo(logLik, TOLERANCE);
    }
}
