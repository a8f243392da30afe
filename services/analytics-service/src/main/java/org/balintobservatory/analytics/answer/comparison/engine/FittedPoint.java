package org.balintobservatory.analytics.answer.comparison.engine;

/** A point of the fitted line of a one-moderator regression, with its confidence band. */
public record FittedPoint(double x, Double estimate, Double ciLower, Double ciUpper) {
}
