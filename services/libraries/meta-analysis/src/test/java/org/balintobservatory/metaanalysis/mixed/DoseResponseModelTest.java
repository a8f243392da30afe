package org.balintobservatory.metaanalysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.TOLERANCE;
import static org.balintobservatory.metaanalysis.mixed.MixedAssertions.assertEffect;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The dose split within and across groups on the generated consortium of {@code src/test/r/mixed-models.R}
 * (lme4 1.1-31, lmerTest 3.1-3, Hmisc 4.8-0; every lmer call there with
 * {@code control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12))}), each expected value
 * citing its call.
 */
class DoseResponseModelTest {

    private final List<DoseRow> rows = MixedTestData.read("consortium").stream()
            .map(row -> new DoseRow(row.text("institution"), row.text("group"), row.number("sessions"),
                    row.number("post"), new double[] {row.number("pre")}))
            .toList();

    @Test
    void linearDoseWithinAndAcrossGroups() {
        // lmer(post ~ pre + sessionsWithin + sessionsMean + (1 | institution/group), dat)
        DoseResponse response = DoseResponseModel.fit(rows, List.of("pre"), 0, null, Estimation.REML);

        assertThat(response.knots()).isEmpty();
        assertThat(response.fit().termNames()).containsExactly("(Intercept)", "pre", "doseWithin", "doseAcross");
        assertEffect(response.fit().fixedEffect("doseWithin"), 0.322721296745, 0.171952312509, 310.6930655437,
                -0.0156170129947, 0.661059606485);
        assertThat(response.withinSlope().estimate()).isCloseTo(0.322721296745, TOLERANCE);
        assertThat(response.acrossSlope().estimate()).isCloseTo(0.488242642548, TOLERANCE);
        assertThat(response.acrossSlope().df()).isCloseTo(35.0309521178, TOLERANCE);
        // contest(fit, c(0, 0, 1, -1), joint = FALSE, confint = TRUE): within - between
        assertThat(response.withinMinusAcross().estimate()).isCloseTo(-0.165521345802, TOLERANCE);
        assertThat(response.withinMinusAcross().df()).isCloseTo(110.669989686, TOLERANCE);
        assertThat(response.withinMinusAcross().p()).isCloseTo(0.516356604217, TOLERANCE);
        // the same, as an F test on 1 df: F = t^2
        assertThat(response.withinEqualsAcross().f()).isCloseTo(0.651061095329 * 0.651061095329, TOLERANCE);

        // the least dose observed (2 sessions) is the reference; a straight line through it with the within slope
        assertThat(response.referenceDose()).isEqualTo(2);
        assertThat(response.withinCurve()).hasSize(DoseResponseModel.DEFAULT_CURVE_POINTS);
        CurvePoint first = response.withinCurve().get(0);
        assertThat(first.at().estimate()).isZero();
        assertThat(first.at().ciLower()).isZero();
        CurvePoint last = response.withinCurve().get(DoseResponseModel.DEFAULT_CURVE_POINTS - 1);
        assertThat(last.dose()).isEqualTo(12);
        assertThat(last.at().estimate()).isCloseTo(10 * 0.322721296745, TOLERANCE);
        assertThat(last.at().standardError()).isCloseTo(10 * 0.171952312509, TOLERANCE);
        assertThat(last.at().df()).isCloseTo(310.6930655437, TOLERANCE);
    }

    @Test
    void splineDoseWithinAndAcrossGroups() {
        // knots <- rcspline.eval(dat$sessions, nk = 4, knots.only = TRUE); w_j, a_j the basis' deviation from and
        // mean in its group: lmer(post ~ pre + w1 + w2 + w3 + a1 + a2 + a3 + (1 | institution/group), dat)
        DoseResponse response = DoseResponseModel.fit(rows, List.of("pre"), 4, 2.0, Estimation.REML);

        assertThat(response.knots()).containsExactly(4, 7, 9, 12);
        assertThat(response.fit().termNames()).containsExactly("(Intercept)", "pre", "doseWithin", "doseWithin'",
                "doseWithin''", "doseAcross", "doseAcross'", "doseAcross''");
        assertThat(response.withinSlope()).isNull();
        assertEffect(response.fit().fixedEffect("doseWithin"), 0.667711301966, 0.4462011372454, 309.5531303640,
                -0.210259516411, 1.545682120342);
        assertEffect(response.fit().fixedEffect("doseAcross''"), 20.532783704369, 18.3629754225268, 38.3154513145,
                -16.631068528932, 57.696635937669);
        assertThat(response.fit().logLikelihood()).isCloseTo(-1088.76942851, TOLERANCE);

        // contest(split, within_at(10), joint = FALSE, confint = TRUE): the within curve at 10 sessions against 2
        TestResult within = pointAt(response.withinCurve(), 10);
        assertThat(within.estimate()).isCloseTo(3.81644971791, TOLERANCE);
        assertThat(within.standardError()).isCloseTo(1.68634110487, TOLERANCE);
        assertThat(within.df()).isCloseTo(309.541575939, TOLERANCE);
        assertThat(within.ciLower()).isCloseTo(0.498308249351, TOLERANCE);
        assertThat(within.ciUpper()).isCloseTo(7.13459118646, TOLERANCE);
        // contest(split, across_at(10), joint = FALSE, confint = TRUE)
        TestResult across = pointAt(response.acrossCurve(), 10);
        assertThat(across.estimate()).isCloseTo(9.45562064181, TOLERANCE);
        assertThat(across.df()).isCloseTo(35.5520884861, TOLERANCE);
        assertThat(across.p()).isCloseTo(0.0133715188593, TOLERANCE);
        // contest(split, cbind(0, 0, diag(3), -diag(3)), joint = TRUE)
        assertThat(response.withinEqualsAcross().numeratorDf()).isEqualTo(3);
        assertThat(response.withinEqualsAcross().f()).isCloseTo(0.780073921421, TOLERANCE);
        assertThat(response.withinEqualsAcross().denominatorDf()).isCloseTo(59.6284103165, TOLERANCE);
        assertThat(response.withinEqualsAcross().p()).isCloseTo(0.509745170954, TOLERANCE);
    }

    /** The curve's doses run from 2 to 12 sessions, the least and largest observed, 0.5 apart. */
    private static TestResult pointAt(List<CurvePoint> curve, double dose) {
        CurvePoint point = curve.get((int) Math.round((dose - 2) / 0.5));
        assertThat(point.dose()).isCloseTo(dose, within(1e-9));
        return point.at();
    }
}
