package org.balintobservatory.metaanalysis.mixed;

import java.util.List;

/**
 * A dose-response analysis: the dose's relation to the outcome within groups and across them.
 *
 * @param fit                the model, with the dose's terms named {@code doseWithin}, {@code doseAcross} (linear)
 *                           or {@code doseWithin}, {@code doseWithin'}, ... and {@code doseAcross}, ... (spline)
 * @param knots              the spline's knots; empty for a linear dose
 * @param referenceDose      the dose the curves are measured from
 * @param withinSlope        the within-group slope (linear dose only, else {@code null})
 * @param acrossSlope        the across-group slope of the group mean (linear dose only, else {@code null})
 * @param withinMinusAcross  their difference with its t test (linear dose only, else {@code null})
 * @param withinEqualsAcross the joint test that every within term equals its across term (for a linear dose the
 *                           F = t^2 of {@code withinMinusAcross})
 * @param withinCurve        the within-group curve: expected outcome at each dose against the reference dose, for
 *                           participants of the same group
 * @param acrossCurve        the across-group curve: the same for groups whose mean dose differs
 */
public record DoseResponse(MixedModelFit fit, double[] knots, double referenceDose, TestResult withinSlope,
                           TestResult acrossSlope, TestResult withinMinusAcross, JointTestResult withinEqualsAcross,
                           List<CurvePoint> withinCurve, List<CurvePoint> acrossCurve) {
}
