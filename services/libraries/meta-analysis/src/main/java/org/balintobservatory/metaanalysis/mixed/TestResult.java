package org.balintobservatory.metaanalysis.mixed;

/**
 * A linear combination {@code L'beta} of the fixed effects with its Satterthwaite test and 95%
 * confidence interval, as {@code lmerTest::contest(fit, L, joint = FALSE, confint = TRUE)}.
 *
 * @param estimate      {@code L'beta}
 * @param standardError {@code sqrt(L'CL)}
 * @param df            Satterthwaite's degrees of freedom {@code 2 (L'CL)^2 / (g'Ag)}
 * @param t             {@code estimate / standardError}
 * @param p             two-sided p-value against t(df)
 * @param ciLower       {@code estimate - t_(df, 0.975) standardError}
 * @param ciUpper       {@code estimate + t_(df, 0.975) standardError}
 */
public record TestResult(double estimate, double standardError, double df, double t, double p, double ciLower,
                         double ciUpper) {
}
