package org.balintobservatory.metaanalysis.model;

/** How coefficients are tested and their intervals built, as metafor's {@code rma(test = ...)}. */
public enum TestType {

    /** Wald-type z tests and normal-quantile intervals; QM is chi-square. metafor's default. */
    Z,

    /**
     * Knapp &amp; Hartung (2003, Stat Med 22(17)) adjustment: the variance-covariance matrix is
     * multiplied by {@code s^2 = sum w_i (y_i - x_i'b)^2 / (k - p)} with {@code w_i = 1/(v_i + tau^2)},
     * coefficients are tested against t(k - p), and QM/m against F(m, k - p). As metafor's
     * {@code test = "knha"}, {@code s^2} is not truncated at 1 (that is metafor's {@code "adhoc"}
     * variant), and it is set to 0 when the weighted residual sum of squares is below machine
     * epsilon.
     */
    KNHA
}
