package org.balintobservatory.analytics.answer.comparison.engine;

/** One coefficient of a meta-regression; {@code robust} is its CR2 test when robust=cr2. */
public record CoefficientRow(String name, Double estimate, Double se, Double statistic, Double pValue,
                             Double ciLower, Double ciUpper, RobustTest robust) {
}
