package org.balintobservatory.metaanalysis.mixed;

/**
 * One point of a fitted dose-response curve: the difference in expected outcome between this dose and the
 * reference dose, with its pointwise 95% confidence band.
 *
 * @param dose the dose
 * @param at   {@code f(dose) - f(reference)} with its Satterthwaite test and interval
 */
public record CurvePoint(double dose, TestResult at) {
}
