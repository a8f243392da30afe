package org.balintobservatory.metaanalysis.power;

import org.balintobservatory.metaanalysis.randomeffects.MetaforData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Power of the random-effects tests (Hedges &amp; Pigott 2001, 2004). Expected values are the published
 * formulas computed in base R 4.2 by {@code src/test/r/power.R}; each test names the R expression. The
 * script, in the parts these tests use:
 * <pre>
 * zpower &lt;- function(lambda, alpha = 0.05) {
 *   c &lt;- qnorm(1 - alpha / 2)
 *   pnorm(c - lambda, lower.tail = FALSE) + pnorm(-c - lambda)
 * }
 * chipower &lt;- function(df, ncp, alpha = 0.05) pchisq(qchisq(1 - alpha, df), df, ncp = ncp, lower.tail = FALSE)
 * dat &lt;- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
 * fit &lt;- rma(yi, vi, mods = ~ factor(alloc), data = dat); tau2 &lt;- fit$tau2
 * w &lt;- sapply(levels, function(l) sum(1 / (dat$vi[dat$alloc == l] + tau2)))
 * vbar &lt;- sapply(levels, function(l) mean(dat$vi[dat$alloc == l]))
 * lambda.of &lt;- function(w, delta) {            # the least favourable pair
 *   pairs &lt;- combn(length(w), 2)
 *   h &lt;- apply(pairs, 2, function(p) w[p[1]] * w[p[2]] / (w[p[1]] + w[p[2]]))
 *   list(lambda = min(h) * delta^2, pair = levels[pairs[, which.min(h)]])
 * }
 * m &lt;- 0; repeat { if (chipower(2, lambda.of(w + m / (vbar + tau2), 0.5)$lambda) &gt;= 0.8) break; m &lt;- m + 1 }
 * fit &lt;- rma(yi, vi, mods = ~ ablat, data = dat); tau2 &lt;- fit$tau2
 * X &lt;- cbind(1, dat$ablat); A &lt;- crossprod(X, X / (dat$vi + tau2)); se &lt;- sqrt(solve(A)[2, 2])
 * B &lt;- crossprod(X) / (k * (mean(dat$vi) + tau2)); se.n &lt;- function(n) sqrt(solve(A + n * B)[2, 2])
 * n &lt;- 0; repeat { if (zpower(0.01 / se.n(n)) &gt;= 0.8) break; n &lt;- n + 1 }
 * </pre>
 */
class PowerAnalysisTest {

    private static final double ALPHA = 0.05;

    @Test
    void zTestPowerIsThatOfTheNormalTestAtBothTails() {
        // zpower(2.8)
        assertThat(PowerAnalysis.zTest(2.8, ALPHA)).isCloseTo(0.799556871435652, within(1e-13));
        // zpower(1, 0.01)
        assertThat(PowerAnalysis.zTest(1, 0.01)).isCloseTo(0.057707133279028, within(1e-13));
        assertThat(PowerAnalysis.zTest(-2.8, ALPHA)).isCloseTo(PowerAnalysis.zTest(2.8, ALPHA), within(1e-15));
        assertThat(PowerAnalysis.zTest(0, ALPHA)).isCloseTo(ALPHA, within(1e-15));
    }

    @Test
    void chiSquaredTestPowerIsTheNoncentralUpperTailBeyondTheCriticalValue() {
        // chipower(1, 2.8^2): the z test of 2.8 again
        assertThat(PowerAnalysis.chiSquaredTest(1, 2.8 * 2.8, ALPHA)).isCloseTo(0.799556871435651, within(1e-12));
        // chipower(3, 10)
        assertThat(PowerAnalysis.chiSquaredTest(3, 10, ALPHA)).isCloseTo(0.761063063736688, within(1e-12));
        // chipower(2, 5, 0.1)
        assertThat(PowerAnalysis.chiSquaredTest(2, 5, 0.1)).isCloseTo(0.628349950283541, within(1e-12));
    }

    /**
     * Hedges &amp; Pigott's (2001) worked case as metapower 0.1's README prints it for
     * {@code mpower(effect_size = .25, sample_size = 20, k = 30, es_type = "d")}: 30 studies of d = 0.25 with
     * 20 per group, v = 40/400 + 0.25^2/80, and tau^2 = 0, v/3, v and 3v (their none, small, moderate and
     * large heterogeneity): 0.990698, 0.962092, 0.8621495, 0.57799. The README agrees with the base R
     * formula to 5e-6 (its critical value is not exactly qnorm(0.975)); the base R values
     * ({@code zpower(0.25 / sqrt((v + tau2) / 30))}) are matched to 1e-12.
     */
    @Test
    void theMeanOfThirtyStudiesAsHedgesAndPigottPlanIt() {
        double v = 40.0 / 400 + 0.25 * 0.25 / 80;
        double[] vi = new double[30];
        java.util.Arrays.fill(vi, v);
        double[] tau2 = {0, v / 3, v, 3 * v};
        double[] published = {0.990698, 0.962092, 0.8621495, 0.57799};
        double[] baseR = {0.99069736738153, 0.962090084156172, 0.862145334928777, 0.577984734406205};
        double[] se = {0.0579601155968481, 0.0669265766842042, 0.081967981553775, 0.115920231193696};
        for (int i = 0; i < tau2.length; i++) {
            MeanPower power = PowerAnalysis.mean(vi, tau2[i], 0.25, ALPHA);
            assertThat(power.se()).isCloseTo(se[i], within(1e-14));
            assertThat(power.power()).as("tau2 = %s", tau2[i]).isCloseTo(baseR[i], within(1e-12))
                    .isCloseTo(published[i], within(1e-5));
        }
    }

    /**
     * The BCG trials by allocation (three levels) with the residual tau^2 of metafor's
     * {@code rma(yi, vi, mods = ~ factor(alloc))}, 0.361502855889479, and a stated difference of 0.5.
     */
    @Test
    void aCategoricalModeratorOnTheBcgTrials() {
        ComparisonPower power = bcgByAllocation(0.5);

        // w, vbar
        assertThat(power.levels()).extracting(LevelInformation::level).containsExactly("alternate", "random", "systematic");
        assertThat(power.levels()).extracting(LevelInformation::k).containsExactly(2, 7, 4);
        assertThat(power.levels().get(0).weight()).isCloseTo(5.13736950097043, within(1e-12));
        assertThat(power.levels().get(1).weight()).isCloseTo(14.0018209590557, within(1e-12));
        assertThat(power.levels().get(2).weight()).isCloseTo(8.40427318927456, within(1e-12));
        assertThat(power.levels().get(0).meanVariance()).isCloseTo(0.0290578953127698, within(1e-14));
        assertThat(power.levels().get(1).meanVariance()).isCloseTo(0.176993845857957, within(1e-14));
        assertThat(power.levels().get(2).meanVariance()).isCloseTo(0.172336878117182, within(1e-14));
        // lambda.of(w, 0.5): lambda 0.79709415150027, pair alternate, systematic
        assertThat(power.df()).isEqualTo(2);
        assertThat(power.criticalValue()).isCloseTo(5.99146454710798, within(1e-12));
        assertThat(power.lambda()).isCloseTo(0.79709415150027, within(1e-12));
        assertThat(List.of(power.first(), power.second())).containsExactly("alternate", "systematic");
        // chipower(2, lambda)
        assertThat(power.power()).isCloseTo(0.11485134861347, within(1e-12));
        // m = 36: chipower(2, ...) 0.806402178281109; with 35, 0.796273995280003
        assertThat(power.additionalPerLevel()).isEqualTo(36);
        assertThat(power.powerWithAdditional()).isCloseTo(0.806402178281109, within(1e-12));
    }

    @Test
    void withTwoLevelsTheComparisonIsTheZTestOfTheirDifference() {
        double[] a = {0.02, 0.05, 0.04};
        double[] b = {0.03, 0.06};
        double tau2 = 0.01;
        ComparisonPower power = PowerAnalysis.comparison(List.of("a", "b"), List.of(a, b), tau2, 0.3, ALPHA, 0.8);
        double se = Math.sqrt(1 / power.levels().get(0).weight() + 1 / power.levels().get(1).weight());
        assertThat(power.power()).isCloseTo(PowerAnalysis.zTest(0.3 / se, ALPHA), within(1e-12));
    }

    /** The least favourable case is a bound: any means with two levels 0.5 apart give the test more power. */
    @Test
    void theReportedPowerIsTheLeastOverEveryPatternWithTwoLevelsThatFarApart() {
        ComparisonPower power = bcgByAllocation(0.5);
        double[] w = power.levels().stream().mapToDouble(LevelInformation::weight).toArray();
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int trial = 0; trial < 1000; trial++) {
            double[] theta = {random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
            int a = random.nextInt(3);
            int b = (a + 1 + random.nextInt(2)) % 3;
            theta[b] = theta[a] + 0.5;
            double mean = (w[0] * theta[0] + w[1] * theta[1] + w[2] * theta[2]) / (w[0] + w[1] + w[2]);
            double lambda = 0;
            for (int l = 0; l < 3; l++) {
                lambda += w[l] * (theta[l] - mean) * (theta[l] - mean);
            }
            assertThat(lambda).isGreaterThanOrEqualTo(power.lambda() - 1e-12);
        }
        // Attained with the third level at the weighted mean of the pair (alternate, systematic).
        double third = (w[0] * 0 + w[2] * 0.5) / (w[0] + w[2]);
        double[] theta = {0, third, 0.5};
        double mean = (w[0] * theta[0] + w[1] * theta[1] + w[2] * theta[2]) / (w[0] + w[1] + w[2]);
        double lambda = 0;
        for (int l = 0; l < 3; l++) {
            lambda += w[l] * (theta[l] - mean) * (theta[l] - mean);
        }
        assertThat(lambda).isCloseTo(power.lambda(), within(1e-12));
    }

    /**
     * The BCG trials' meta-regression on absolute latitude with the residual tau^2 of metafor's
     * {@code rma(yi, vi, mods = ~ ablat)}, 0.0763546947056598, and a stated slope of -0.01 per degree.
     */
    @Test
    void aMetaRegressionSlopeOnTheBcgTrials() {
        double[] ablat = MetaforData.bcgAblat();
        double[][] x = new double[ablat.length][];
        for (int i = 0; i < ablat.length; i++) {
            x[i] = new double[] {1, ablat[i]};
        }
        SlopePower power = PowerAnalysis.slope(x, MetaforData.bcgVi(), 0.0763546947056598, 1, -0.01, ALPHA, 0.8);

        // se: sqrt(solve(A)[2, 2]) = 0.00719555475708091, metafor's fit$se[2] the same
        assertThat(power.se()).isCloseTo(0.00719555475708091, within(1e-15));
        // zpower(0.01 / se)
        assertThat(power.power()).isCloseTo(0.284669718577769, within(1e-12));
        // n = 71: se.n(71) = 0.00355118538010869, power 0.80400121554928; with 70, 0.799832389630359
        assertThat(power.additional()).isEqualTo(71);
        assertThat(power.seWithAdditional()).isCloseTo(0.00355118538010869, within(1e-15));
        assertThat(power.powerWithAdditional()).isCloseTo(0.80400121554928, within(1e-12));
    }

    @Test
    void enoughPowerNowNeedsNoMoreUnitsAndNoEffectIsNeverWithinReach() {
        assertThat(bcgByAllocation(5).additionalPerLevel()).isZero();
        // A noncentrality far beyond the series' reach is certain power, not an error.
        assertThat(bcgByAllocation(1e6).power()).isEqualTo(1);
        ComparisonPower none = bcgByAllocation(0);
        assertThat(none.power()).isCloseTo(ALPHA, within(1e-12));
        assertThat(none.additionalPerLevel()).isNull();
        assertThat(none.powerWithAdditional()).isNull();
    }

    @Test
    void inputsNoTestCanHaveAreRefused() {
        List<double[]> one = List.<double[]>of(new double[] {0.1});
        assertThatThrownBy(() -> PowerAnalysis.comparison(List.of("a"), one, 0, 0.2, ALPHA, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two levels");
        List<double[]> two = List.of(new double[] {0.1}, new double[0]);
        assertThatThrownBy(() -> PowerAnalysis.comparison(List.of("a", "b"), two, 0, 0.2, ALPHA, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no units");
        List<double[]> valid = List.of(new double[] {0.1}, new double[] {0.1});
        assertThatThrownBy(() -> PowerAnalysis.comparison(List.of("a", "b"), valid, 0, 0.2, 1.5, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> PowerAnalysis.comparison(List.of("a", "b"), valid, -1, 0.2, ALPHA, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau^2");
        double[][] constant = {{1, 2}, {1, 2}, {1, 2}};
        assertThatThrownBy(() -> PowerAnalysis.slope(constant, new double[] {0.1, 0.1, 0.1}, 0, 1, 0.1, ALPHA, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singular");
    }

    private static ComparisonPower bcgByAllocation(double difference) {
        double[] vi = MetaforData.bcgVi();
        List<String> levels = List.of("alternate", "random", "systematic");
        List<double[]> variances = new ArrayList<>();
        for (String level : levels) {
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < vi.length; i++) {
                if (MetaforData.BCG_ALLOC.get(i).equals(level)) {
                    v.add(vi[i]);
                }
            }
            variances.add(v.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return PowerAnalysis.comparison(levels, variances, 0.361502855889479, difference, ALPHA, 0.8);
    }
}
