package org.balintobservatory.metaanalysis.mixed;

/**
 * One fixed-effect coefficient as {@code summary()} of an lmerTest fit prints it.
 *
 * @param term          the column's name
 * @param estimate      {@code beta_j}
 * @param standardError {@code sqrt(C_jj)}, {@code C = sigma^2 (X'V~^-1 X)^-1}
 * @param df            Satterthwaite's degrees of freedom, as lmerTest computes them
 * @param t             {@code estimate / standardError}
 * @param p             two-sided p-value of t against t(df)
 * @param ciLower       {@code estimate - t_(df, 0.975) standardError}
 * @param ciUpper       {@code estimate + t_(df, 0.975) standardError}
 */
public record FixedEffect(String term, double estimate, double standardError, double df, double t, double p,
                          double ciLower, double ciUpper) {
}
