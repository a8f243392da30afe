package org.balintobservatory.metaanalysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.TOLERANCE;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.assertEffect;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.assertVariances;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A generated consortium of 361 participants in 48 groups of 12 institutions: a baseline score, the
 * sessions each attended, the group's facilitation style and planned size (generated with
 * {@code set.seed(2027)} in {@code src/test/r/mixed-models.R}, which also gives every expected value;
 * lme4 1.1-31, lmerTest 3.1-3, Hmisc 4.8-0; every lmer call there has
 * {@code control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12))}).
 */
class GeneratedConsortiumTest {


    private static final List<String> MODERATORS = List.of("(Intercept)", "pre", "sessions", "styleCASE_DISCUSSION",
            "styleROLE_PLAY", "plannedSize");

    private final List<MixedTestData.Row> rows = MixedTestData.read("consortium");

    private List<ClusterStatistics> moderatorClusters() {
        return MixedTestData.clusters(rows, row -> row.text("institution"), row -> row.text("group"),
                row -> new double[] {1, row.number("pre"), row.number("sessions"), style(row, "CASE_DISCUSSION"),
                        style(row, "ROLE_PLAY"), row.number("plannedSize")},
                row -> row.number("post"));
    }

    private static double style(MixedTestData.Row row, String style) {
        return row.text("style").equals(style) ? 1 : 0;
    }

    @Test
    void participantAndGroupLevelModerators() {
        // lmer(post ~ pre + sessions + style + plannedSize + (1 | institution/group), dat)
        MixedModelFit fit = NestedInterceptModel.fit(MODERATORS, moderatorClusters(), Estimation.REML);

        assertThat(fit.observations()).isEqualTo(361);
        assertThat(fit.innerClusters()).isEqualTo(48);
        assertThat(fit.outerClusters()).isEqualTo(12);
        assertEffect(fit.fixedEffect("(Intercept)"), 12.846796805660, 2.3606038797487, 98.1620911961,
                8.162351912153, 17.531241699167);
        assertEffect(fit.fixedEffect("pre"), 0.696418311286, 0.0242600091841, 337.3048165107, 0.648698342455,
                0.744138280117);
        assertEffect(fit.fixedEffect("sessions"), 0.460326196792, 0.1327979621248, 172.8350527213, 0.198211623556,
                0.722440770029);
        assertEffect(fit.fixedEffect("styleCASE_DISCUSSION"), 0.732216075238, 0.8655536001797, 32.6750195102,
                -1.029431564641, 2.493863715116);
        assertEffect(fit.fixedEffect("styleROLE_PLAY"), -0.876588190235, 1.0969572713905, 42.1041998671,
                -3.090175288909, 1.336998908440);
        assertEffect(fit.fixedEffect("plannedSize"), -0.166336689390, 0.1608743584244, 38.1238635046,
                -0.491975057556, 0.159301678777);
        assertThat(fit.fixedEffect("sessions").t()).isCloseTo(3.466364915747, TOLERANCE);
        assertThat(fit.fixedEffect("sessions").p()).isCloseTo(6.65557971045e-04, TOLERANCE);
        assertVariances(fit, 2.70266207388, 6.49725936261, 22.00488159171, -1095.52398521);
        // vc$vcov[2] / sum(vc$vcov) and sum(vc$vcov[1:2]) / sum(vc$vcov), vc = as.data.frame(VarCorr(fit))
        assertThat(fit.variance().iccOuter()).isCloseTo(0.208213439346, TOLERANCE);
        assertThat(fit.variance().iccInner()).isCloseTo(0.294823890674, TOLERANCE);
        assertThat(fit.criterion()).isCloseTo(2191.04797042, TOLERANCE);
    }

    @Test
    void aCategoricalModeratorsLevelsTestedTogether() {
        MixedModelFit fit = NestedInterceptModel.fit(MODERATORS, moderatorClusters(), Estimation.REML);

        // contest(moderators, rbind(c(0, 0, 0, 1, 0, 0), c(0, 0, 0, 0, 1, 0)), joint = TRUE): anova(moderators)'s "style"
        JointTestResult style = fit.jointTest(new double[][] {{0, 0, 0, 1, 0, 0}, {0, 0, 0, 0, 1, 0}});
        assertThat(style.numeratorDf()).isEqualTo(2);
        assertThat(style.denominatorDf()).isCloseTo(36.8353999752, TOLERANCE);
        assertThat(style.f()).isCloseTo(1.43250529467, TOLERANCE);
        assertThat(style.p()).isCloseTo(0.251697810358, TOLERANCE);

        // contest(moderators, rbind(c(0, 1, 0, 0, 0, 0), c(0, 0, 1, 0, 0, 0), c(0, 0, 0, 0, 0, 1)), joint = TRUE)
        JointTestResult three = fit.jointTest(new double[][] {{0, 1, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0},
                {0, 0, 0, 0, 0, 1}});
        assertThat(three.numeratorDf()).isEqualTo(3);
        assertThat(three.denominatorDf()).isCloseTo(85.4632414972, TOLERANCE);
        assertThat(three.f()).isCloseTo(285.073408557, TOLERANCE);
        // so far in the tail a relative 1e-8 in F moves p by a relative 3e-6
        assertThat(three.p()).isCloseTo(2.18487546782e-44, withinPercentage(1e-3));

        // the same row twice has rank 1: the F test is the square of that row's t test
        JointTestResult repeated = fit.jointTest(new double[][] {{0, 0, 1, 0, 0, 0}, {0, 0, 2, 0, 0, 0}});
        assertThat(repeated.numeratorDf()).isEqualTo(1);
        assertThat(repeated.f()).isCloseTo(3.466364915747 * 3.466364915747, TOLERANCE);
        assertThat(repeated.denominatorDf()).isCloseTo(172.8350527213, TOLERANCE);
    }

    @Test
    void maximumLikelihood() {
        // lmer(post ~ pre + sessions + style + plannedSize + (1 | institution/group), dat, REML = FALSE)
        MixedModelFit fit = NestedInterceptModel.fit(MODERATORS, moderatorClusters(), Estimation.ML);

        assertEffect(fit.fixedEffect("sessions"), 0.468932527801, 0.1299073757068, 171.3938884758, 0.212508147745,
                0.725356907856);
        assertEffect(fit.fixedEffect("plannedSize"), -0.166192087420, 0.1533989026175, 41.7072960460,
                -0.475827984724, 0.143443809885);
        assertVariances(fit, 2.18748337210, 5.86290432914, 21.89888175567, -1092.86549909);
        assertThat(fit.criterion()).isCloseTo(2185.73099819, TOLERANCE);
    }

    @Test
    void doseSplitIntoWithinGroupAndGroupMean() {
        // dat$sessionsMean <- ave(dat$sessions, paste(dat$institution, dat$group));
        // dat$sessionsWithin <- dat$sessions - dat$sessionsMean
        Map<String, double[]> sums = new HashMap<>();
        for (MixedTestData.Row row : rows) {
            double[] sum = sums.computeIfAbsent(key(row), k -> new double[2]);
            sum[0] += row.number("sessions");
            sum[1]++;
        }
        List<ClusterStatistics> clusters = MixedTestData.clusters(rows, row -> row.text("institution"),
                row -> row.text("group"), row -> {
                    double[] sum = sums.get(key(row));
                    double mean = sum[0] / sum[1];
                    return new double[] {1, row.number("pre"), row.number("sessions") - mean, mean};
                }, row -> row.number("post"));
        // lmer(post ~ pre + sessionsWithin + sessionsMean + (1 | institution/group), dat)
        MixedModelFit fit = NestedInterceptModel.fit(List.of("(Intercept)", "pre", "sessionsWithin", "sessionsMean"),
                clusters, Estimation.REML);

        assertEffect(fit.fixedEffect("sessionsWithin"), 0.322721296745, 0.171952312509, 310.6930655437,
                -0.0156170129947, 0.661059606485);
        assertEffect(fit.fixedEffect("sessionsMean"), 0.488242642548, 0.187390755874, 35.0309521178,
                0.1078311986339, 0.868654086461);
        assertThat(fit.variance().inner()).isCloseTo(2.98944158246, TOLERANCE);
        assertThat(fit.variance().outer()).isCloseTo(6.15658243015, TOLERANCE);
        assertThat(fit.logLikelihood()).isCloseTo(-1098.44962132, TOLERANCE);

        // contest(fit, c(0, 0, 1, -1), joint = FALSE, confint = TRUE): within - between
        TestResult difference = fit.contrast(new double[] {0, 0, 1, -1});
        assertThat(difference.estimate()).isCloseTo(-0.165521345802, TOLERANCE);
        assertThat(difference.standardError()).isCloseTo(0.254233200217, TOLERANCE);
        assertThat(difference.df()).isCloseTo(110.669989686, TOLERANCE);
        assertThat(difference.t()).isCloseTo(-0.651061095329, TOLERANCE);
        assertThat(difference.p()).isCloseTo(0.516356604217, TOLERANCE);
        assertThat(difference.ciLower()).isCloseTo(-0.669317958142, TOLERANCE);
        assertThat(difference.ciUpper()).isCloseTo(0.338275266538, TOLERANCE);
    }

    @Test
    void doseResponseCurveFromASpline() {
        double[] sessions = rows.stream().mapToDouble(row -> row.number("sessions")).toArray();
        // rcspline.eval(dat$sessions, nk = 4, knots.only = TRUE)
        double[] knots = RestrictedCubicSpline.defaultKnots(sessions, 4);
        assertThat(knots).containsExactly(4, 7, 9, 12);
        List<ClusterStatistics> clusters = MixedTestData.clusters(rows, row -> row.text("institution"),
                row -> row.text("group"), row -> {
                    double[] basis = RestrictedCubicSpline.basis(row.number("sessions"), knots);
                    return new double[] {1, row.number("pre"), basis[0], basis[1], basis[2]};
                }, row -> row.number("post"));
        // lmer(post ~ pre + s1 + s2 + s3 + (1 | institution/group), dat), s = rcspline.eval(sessions, knots, inclx = TRUE)
        MixedModelFit fit = NestedInterceptModel.fit(List.of("(Intercept)", "pre", "s1", "s2", "s3"), clusters,
                Estimation.REML);

        assertEffect(fit.fixedEffect("s1"), 0.881185692519, 0.4185322100933, 348.689442899, 0.058020454138,
                1.704350930900);
        assertEffect(fit.fixedEffect("s2"), -0.687327663745, 1.2437276796423, 344.415912021, -3.133585353083,
                1.758930025593);
        assertEffect(fit.fixedEffect("s3"), 0.329030216578, 5.0296305221355, 345.338885607, -9.563534359314,
                10.221594792470);
        assertThat(fit.logLikelihood()).isCloseTo(-1094.00041829, TOLERANCE);

        // contest(fit, at(10), joint = FALSE, confint = TRUE): the curve at 10 sessions against 2
        TestResult tenVersusTwo = fit.predict(curvePoint(10, knots));
        assertThat(tenVersusTwo.estimate()).isCloseTo(4.88863445506, TOLERANCE);
        assertThat(tenVersusTwo.standardError()).isCloseTo(1.43000450946, TOLERANCE);
        assertThat(tenVersusTwo.df()).isCloseTo(286.082078967, TOLERANCE);
        assertThat(tenVersusTwo.ciLower()).isCloseTo(2.0739696557, TOLERANCE);
        assertThat(tenVersusTwo.ciUpper()).isCloseTo(7.70329925443, TOLERANCE);
        assertThat(tenVersusTwo.p()).isCloseTo(0.000720895950009, TOLERANCE);
        // contest(fit, at(6), joint = FALSE, confint = TRUE)
        TestResult sixVersusTwo = fit.predict(curvePoint(6, knots));
        assertThat(sixVersusTwo.estimate()).isCloseTo(3.43882681211, TOLERANCE);
        assertThat(sixVersusTwo.df()).isCloseTo(348.176529538, TOLERANCE);
        assertThat(sixVersusTwo.ciLower()).isCloseTo(0.413908506957, TOLERANCE);
    }

    /** {@code at(x) = c(0, 0, basis(x) - basis(2))}: the curve's height at x above its height at 2 sessions. */
    private static double[] curvePoint(double sessions, double[] knots) {
        double[] at = RestrictedCubicSpline.basis(sessions, knots);
        double[] reference = RestrictedCubicSpline.basis(2, knots);
        return new double[] {0, 0, at[0] - reference[0], at[1] - reference[1], at[2] - reference[2]};
    }

    @Test
    void oneGroupPerInstitutionLeavesOnlyTheSumOfTheVariances() {
        List<MixedTestData.Row> firstGroups = rows.stream().filter(row -> row.text("group").equals("g1")).toList();
        List<ClusterStatistics> clusters = MixedTestData.clusters(firstGroups, row -> row.text("institution"),
                row -> row.text("group"), row -> new double[] {1, row.number("pre"), row.number("sessions")},
                row -> row.number("post"));
        MixedModelFit fit = NestedInterceptModel.fit(List.of("(Intercept)", "pre", "sessions"), clusters,
                Estimation.REML);

        // lmer(post ~ pre + sessions + (1 | institution), one), one <- dat[dat$group == "g1", ]: the fit of
        // (1 | institution/group) too, whose split of the 4.977 lmer leaves where its optimiser stops
        assertThat(fit.outerClusters()).isEqualTo(12);
        assertThat(fit.innerClusters()).isEqualTo(12);
        assertThat(fit.variance().inner()).isZero();
        assertVariances(fit, 0, 4.97697546926, 23.05571548449, -305.282311149);
        assertThat(fit.criterion()).isCloseTo(610.564622298, TOLERANCE);
        assertThat(fit.theta()).containsExactly(new double[] {0, 0.464615236656}, within(1e-6));
        assertEffect(fit.fixedEffect("(Intercept)"), 15.303832110325, 3.0863186084139, 75.1768436602,
                9.155807213977, 21.451857006674);
        assertEffect(fit.fixedEffect("sessions"), 0.086850602091, 0.2586747544654, 38.0786924857, -0.436773525088,
                0.610474729270);
    }

    @Test
    void aVarianceEstimatedAtItsBoundary() {
        List<MixedTestData.Row> flat = MixedTestData.read("boundary");
        List<ClusterStatistics> clusters = MixedTestData.clusters(flat, row -> row.text("institution"),
                row -> row.text("group"), row -> new double[] {1, row.number("pre"), row.number("sessions")},
                row -> row.number("post"));
        // lmer(post ~ pre + sessions + (1 | institution/group), flat): isSingular(fit) is TRUE
        MixedModelFit fit = NestedInterceptModel.fit(List.of("(Intercept)", "pre", "sessions"), clusters,
                Estimation.REML);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.variance().outer()).isZero();
        assertThat(fit.theta()[1]).isZero();
        assertThat(fit.variance().inner()).isCloseTo(2.0206541025, TOLERANCE);
        assertThat(fit.variance().residual()).isCloseTo(34.3740813655, TOLERANCE);
        assertEffect(fit.fixedEffect("(Intercept)"), 21.727725896947, 1.8724092475981, 268.956115126,
                18.041282707501, 25.414169086393);
        assertEffect(fit.fixedEffect("sessions"), 0.158891716576, 0.1400685931589, 115.337340929, -0.118548581373,
                0.436332014525);
        assertThat(fit.logLikelihood()).isCloseTo(-1161.65740271, TOLERANCE);
        assertThat(fit.theta()[0]).isCloseTo(0.242454605534, within(1e-6));
    }

    private static String key(MixedTestData.Row row) {
        return row.text("institution") + " " + row.text("group");
    }

}
