package org.balintobservatory.metaanalysis.mixed;

import java.util.Objects;

/**
 * Sufficient statistics of one inner cluster (a group) for the model
 * {@code y = X beta + u_outer + u_inner + e} of {@link NestedInterceptModel}: with random intercepts
 * only, the likelihood depends on a cluster's rows through these sums alone, so a fit never needs
 * the participants themselves.
 *
 * <p>{@code p} is the number of columns of X, the intercept column (all ones) included by the caller.
 * Sums add when clusters are split into parts, so statistics accumulate row by row
 * ({@link #plus(ClusterStatistics)}).
 *
 * @param outerId the outer cluster (institution) the group belongs to; {@code null} when the model
 *                has one level of random intercepts, {@code (1 | inner)}
 * @param innerId the inner cluster (group); inner ids need to be unique only within their outer
 *                cluster
 * @param n       rows in the cluster
 * @param xSum    {@code X'1}, length p
 * @param xtx     {@code X'X}, p x p
 * @param xty     {@code X'y}, length p
 * @param ySum    {@code 1'y}
 * @param yty     {@code y'y}
 */
public record ClusterStatistics(String outerId, String innerId, long n, double[] xSum, double[][] xtx, double[] xty,
                                double ySum, double yty) {

    public ClusterStatistics {
        Objects.requireNonNull(innerId, "innerId");
        int p = xSum.length;
        if (n < 1) {
            throw new IllegalArgumentException("a cluster needs at least one row: " + n);
        }
        if (xtx.length != p || xty.length != p) {
            throw new IllegalArgumentException("xSum, xtx and xty must have the same number of columns");
        }
        boolean finite = Double.isFinite(ySum) && Double.isFinite(yty);
        for (int a = 0; a < p; a++) {
            if (xtx[a].length != p) {
                throw new IllegalArgumentException("xtx must be square");
            }
            finite &= Double.isFinite(xSum[a]) && Double.isFinite(xty[a]);
            for (double value : xtx[a]) {
                finite &= Double.isFinite(value);
            }
        }
        if (!finite) {
            // A NaN would otherwise surface as a fit that cannot be evaluated, far from its cause.
            throw new IllegalArgumentException("the statistics of cluster " + innerId + " must be finite");
        }
    }

    /**
     * Accumulates the sums of one cluster's rows.
     *
     * @param outerId outer cluster, or {@code null} for a single level of random intercepts
     * @param innerId inner cluster
     * @param xRows   the rows of X (intercept column included by the caller), one per participant
     * @param y       the response, one per row
     * @return the cluster's sufficient statistics
     */
    public static ClusterStatistics of(String outerId, String innerId, double[][] xRows, double[] y) {
        if (xRows.length != y.length || y.length == 0) {
            throw new IllegalArgumentException("xRows and y must be non-empty and of the same length");
        }
        int p = xRows[0].length;
        double[] xSum = new double[p];
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        double ySum = 0;
        double yty = 0;
        for (int i = 0; i < y.length; i++) {
            double[] x = xRows[i];
            if (x.length != p) {
                throw new IllegalArgumentException("every row of X must have " + p + " columns");
            }
            for (int a = 0; a < p; a++) {
                xSum[a] += x[a];
                xty[a] += x[a] * y[i];
                for (int b = 0; b < p; b++) {
                    xtx[a][b] += x[a] * x[b];
                }
            }
            ySum += y[i];
            yty += y[i] * y[i];
        }
        return new ClusterStatistics(outerId, innerId, y.length, xSum, xtx, xty, ySum, yty);
    }

    /**
     * @param other statistics of more rows of the same cluster
     * @return the statistics of both parts together
     */
    public ClusterStatistics plus(ClusterStatistics other) {
        if (!Objects.equals(outerId, other.outerId) || !innerId.equals(other.innerId)) {
            throw new IllegalArgumentException("only statistics of the same cluster add up");
        }
        int p = xSum.length;
        if (other.xSum.length != p) {
            throw new IllegalArgumentException("statistics with different columns do not add up");
        }
        double[] sum = new double[p];
        double[][] cross = new double[p][p];
        double[] xy = new double[p];
        for (int a = 0; a < p; a++) {
            sum[a] = xSum[a] + other.xSum[a];
            xy[a] = xty[a] + other.xty[a];
            for (int b = 0; b < p; b++) {
                cross[a][b] = xtx[a][b] + other.xtx[a][b];
            }
        }
        return new ClusterStatistics(outerId, innerId, n + other.n, sum, cross, xy, ySum + other.ySum,
                yty + other.yty);
    }

    /** @return the number of columns of X */
    public int columns() {
        return xSum.length;
    }
}
