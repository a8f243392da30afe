package org.balintobservatory.metaanalysis.model;

import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

/**
 * Weighted least-squares fit of {@code y} on {@code X} with weights {@code w}, and the traces of
 * metafor's projection matrix {@code P = W - W X (X'WX)^-1 X'W} the estimators need.
 *
 * <p>Everything is reduced to p x p algebra, so a fit costs O(k p^2) instead of the O(k^3) of
 * forming P:
 * <pre>
 *   y'Py   = sum w_i e_i^2                 (e = y - X b, the weighted residuals)
 *   y'PPy  = sum w_i^2 e_i^2               (because P y = W e)
 *   tr(P)  = sum w_i - tr(A X'W^2X)        (A = (X'WX)^-1)
 *   tr(PP) = sum w_i^2 - 2 tr(A X'W^3X) + tr(A X'W^2X A X'W^2X)
 * </pre>
 */
public final class WeightedFit {

    final double[] weights;
    final double[][] inverse;
    final double logDeterminant;
    final double[] beta;
    /** Weighted residual sum of squares {@code y'Py}. */
    public final double rss;
    /** {@code y'PPy}. */
    final double rssSquaredWeights;
    public final double traceP;
    private final double[][] x;
    private final double[][] xw2x;

    private WeightedFit(double[][] x, double[] weights, LinearAlgebra.Gram gram, double[] y) {
        this.x = x;
        this.weights = weights;
        this.inverse = gram.inverse();
        this.logDeterminant = gram.logDeterminant();
        int k = x.length;
        int p = x[0].length;
        double[] xwy = new double[p];
        double[] squaredWeights = new double[k];
        double sumWeights = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < p; j++) {
                xwy[j] += x[i][j] * weights[i] * y[i];
            }
            squaredWeights[i] = weights[i] * weights[i];
            sumWeights += weights[i];
        }
        beta = new double[p];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < p; c++) {
                beta[r] += inverse[r][c] * xwy[c];
            }
        }
        double residualSum = 0;
        double residualSumSquaredWeights = 0;
        for (int i = 0; i < k; i++) {
            double fitted = 0;
            for (int j = 0; j < p; j++) {
                fitted += x[i][j] * beta[j];
            }
            double e = y[i] - fitted;
            residualSum += weights[i] * e * e;
            residualSumSquaredWeights += squaredWeights[i] * e * e;
        }
        rss = residualSum;
        rssSquaredWeights = residualSumSquaredWeights;
        xw2x = LinearAlgebra.weightedCrossProduct(x, squaredWeights);
        traceP = sumWeights - LinearAlgebra.traceOfProduct(inverse, xw2x);
    }

    /**
     * @return the fit, or {@code null} if {@code X} is rank deficient
     */
    public static WeightedFit of(double[][] x, double[] weights, double[] y) {
        LinearAlgebra.Gram gram = LinearAlgebra.inverseCrossProduct(x, weights);
        return gram == null ? null : new WeightedFit(x, weights, gram, y);
    }

    /** @return {@code tr(PP)}, which also equals {@code sum(P * P)} as P is symmetric */
    double tracePP() {
        int k = weights.length;
        double[] cubedWeights = new double[k];
        double sumSquaredWeights = 0;
        for (int i = 0; i < k; i++) {
            double w2 = weights[i] * weights[i];
            cubedWeights[i] = w2 * weights[i];
            sumSquaredWeights += w2;
        }
        double[][] xw3x = LinearAlgebra.weightedCrossProduct(x, cubedWeights);
        double[][] axw2x = LinearAlgebra.multiply(inverse, xw2x);
        return sumSquaredWeights - 2 * LinearAlgebra.traceOfProduct(inverse, xw3x)
                + LinearAlgebra.traceOfProduct(axw2x, axw2x);
    }
}
