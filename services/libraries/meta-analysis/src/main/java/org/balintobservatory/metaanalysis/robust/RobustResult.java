package org.balintobservatory.metaanalysis.robust;

import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

import java.util.List;

/**
 * Cluster-robust inference for a fitted model, as metafor's
 * {@code robust(res, cluster, clubSandwich = TRUE)}.
 *
 * @param estimable    whether the robust tests could be computed; {@code notes} say why not
 * @param k            studies used
 * @param clusters     number of clusters (institutions)
 * @param coefficients coefficients with CR2 standard errors and Satterthwaite t tests
 * @param qm           the Wald test of the non-intercept coefficients (of the intercept when p = 1)
 *                     by the Hotelling-T^2 approximation HTZ (Tipton &amp; Pustejovsky, 2015), an F
 *                     statistic
 * @param qmDf1        its numerator degrees of freedom q
 * @param qmDf2        its denominator degrees of freedom {@code nu - q + 1}
 * @param qmPValue     its p-value
 * @param covariance   the CR2 variance-covariance matrix of the coefficients (a copy is returned)
 * @param notes        warnings and explanations
 */
public record RobustResult(boolean estimable, int k, int clusters, List<RobustCoefficient> coefficients, double qm,
                           int qmDf1, double qmDf2, double qmPValue, double[][] covariance, List<String> notes) {

    public RobustResult {
        coefficients = List.copyOf(coefficients);
        covariance = LinearAlgebra.copy(covariance);
        notes = List.copyOf(notes);
    }

    /** @return a copy of the CR2 variance-covariance matrix */
    @Override
    public double[][] covariance() {
        return LinearAlgebra.copy(covariance);
    }

    /**
     * @param name coefficient name
     * @return that coefficient
     * @throws IllegalArgumentException if there is none of that name
     */
    public RobustCoefficient coefficient(String name) {
        return coefficients.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no coefficient named " + name));
    }
}
