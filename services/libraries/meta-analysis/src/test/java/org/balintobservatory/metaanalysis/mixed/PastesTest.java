package org.balintobservatory.metaanalysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.TOLERANCE;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.assertEffect;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.assertVariances;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * lme4's {@code Pastes}: the strength of paste in 2 assays of each of 3 casks from each of 10
 * batches, casks nested in batches. Expected values from {@code src/test/r/mixed-models.R}
 * (lme4 1.1-31, lmerTest 3.1-3), each test naming its call; every lmer call there has
 * {@code control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12))}.
 */
class PastesTest {


    private final List<ClusterStatistics> clusters = MixedTestData.clusters(MixedTestData.read("pastes"),
            row -> row.text("batch"), row -> row.text("cask"), row -> new double[] {1},
            row -> row.number("strength"));

    @Test
    void remlMatchesLmer() {
        // lmer(strength ~ 1 + (1 | batch/cask), Pastes, REML = TRUE)
        MixedModelFit fit = NestedInterceptModel.fit(List.of("(Intercept)"), clusters, Estimation.REML);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.observations()).isEqualTo(60);
        assertThat(fit.innerClusters()).isEqualTo(30);
        assertThat(fit.outerClusters()).isEqualTo(10);
        FixedEffect intercept = fit.fixedEffect("(Intercept)");
        assertThat(intercept.estimate()).isCloseTo(60.0533333333, TOLERANCE);
        assertThat(intercept.standardError()).isCloseTo(0.676870097254, TOLERANCE);
        assertThat(intercept.t()).isCloseTo(88.7220953872, TOLERANCE);
        assertThat(intercept.ciLower()).isCloseTo(58.5221467817, TOLERANCE);
        assertThat(intercept.ciUpper()).isCloseTo(61.584519885, TOLERANCE);
        // lmerTest's df from numDeriv's Hessian, 8.99999950512; 9 exactly in this balanced design
        assertThat(intercept.df()).isCloseTo(8.99999950512, TOLERANCE);
        // as.data.frame(VarCorr(fit))$vcov: cask:batch, batch, Residual; logLik(fit)
        assertVariances(fit, 8.433666620439, 1.657309081407, 0.677999984085, -123.495372927);
        // getME(fit, "theta")
        assertThat(fit.theta()).containsExactly(new double[] {3.52690184231, 1.56346049903}, within(1e-6));
        // REMLcrit(fit)
        assertThat(fit.criterion()).isCloseTo(246.990745853, TOLERANCE);
    }

    @Test
    void maximumLikelihoodMatchesLmer() {
        // lmer(strength ~ 1 + (1 | batch/cask), Pastes, REML = FALSE)
        MixedModelFit fit = NestedInterceptModel.fit(List.of("(Intercept)"), clusters, Estimation.ML);

        FixedEffect intercept = fit.fixedEffect("(Intercept)");
        assertThat(intercept.estimate()).isCloseTo(60.0533333333, TOLERANCE);
        assertThat(intercept.standardError()).isCloseTo(0.642135327313, TOLERANCE);
        assertThat(intercept.df()).isCloseTo(10.000000023, TOLERANCE);
        // as.data.frame(VarCorr(fit))$vcov; logLik(fit)
        assertVariances(fit, 8.433666709725, 1.199155549687, 0.677999997407, -123.997232931);
        // deviance(fit)
        assertThat(fit.criterion()).isCloseTo(247.994465862, TOLERANCE);
    }
}
