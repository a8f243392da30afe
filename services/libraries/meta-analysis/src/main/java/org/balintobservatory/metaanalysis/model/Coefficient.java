package org.balintobservatory.metaanalysis.model;

/**
 * One model coefficient with its test and confidence interval.
 *
 * @param name      coefficient name ({@code "intrcpt"} for the intercept, as metafor)
 * @param estimate  the estimate {@code b_j}
 * @param se        its standard error (Knapp-Hartung-scaled under {@link TestType#KNHA})
 * @param statistic {@code b_j / se}: z, or t with the model's degrees of freedom
 * @param pValue    two-sided p-value
 * @param ciLower   lower confidence bound {@code b_j - crit * se}
 * @param ciUpper   upper confidence bound {@code b_j + crit * se}
 */
public record Coefficient(
        String name, double estimate, double se, double statistic, double pValue, double ciLower, double ciUpper) {
}
