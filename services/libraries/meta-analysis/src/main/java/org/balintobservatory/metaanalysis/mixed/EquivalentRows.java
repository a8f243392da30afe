package org.balintobservatory.metaanalysis.mixed;

import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

/**
 * Rows that are not a cluster's participants but have exactly its sufficient statistics: the same
 * n, {@code X'1}, {@code X'X}, {@code X'y}, {@code 1'y} and {@code y'y}. Any model of
 * {@link NestedInterceptModel}'s kind fitted to them, by this library or by {@code lme4::lmer}, gives the
 * fit of the real rows, because its likelihood depends on the rows through those sums alone; so a fit
 * can be reproduced outside the service from the sums, without the participants' rows.
 *
 * <p>With the cluster's mean row {@code m} of {@code z = [X y]} and its centred cross-products
 * {@code C = Z'Z - n m m' = V diag(lambda) V'}, and {@code h_1 .. h_(n-1)} the normalised Helmert
 * contrasts (orthonormal and orthogonal to 1; {@code h_j} has {@code 1/sqrt(j(j+1))} in its first j
 * places and {@code -j/sqrt(j(j+1))} in place j+1), row r is
 * <pre>
 *   z_r = m + sum_(t &lt; k) h_t[r] sqrt(lambda_t) v_t,   k = min(n - 1, rank C),
 * </pre>
 * so {@code sum_r z_r = n m} and {@code sum_r (z_r - m)(z_r - m)' = C}. A column constant in the
 * cluster (the intercept, a group-level moderator) is copied exactly.
 *
 * <p>They disclose what the sums disclose, nothing less: the cluster's means and cross-products of
 * every column. Where a column takes a value for only one or a few participants of a cluster (a
 * participant-level indicator, or a dose all but one participant share), the cross-products with y
 * reveal those participants' outcomes; such sums must stay inside the service.
 */
public final class EquivalentRows {

    /** Eigenvalues below this share of the largest count as 0: rounding in {@code C}. */
    private static final double RANK_TOLERANCE = 1e-12;

    private EquivalentRows() {
    }

    /**
     * @param cluster the cluster's sufficient statistics
     * @return n rows of p + 1 values each: the row of X, then y
     */
    public static double[][] of(ClusterStatistics cluster) {
        int p = cluster.columns();
        int d = p + 1;
        int n = Math.toIntExact(cluster.n());
        double[] mean = new double[d];
        double[][] cross = new double[d][d];
        for (int a = 0; a < p; a++) {
            mean[a] = cluster.xSum()[a] / n;
            System.arraycopy(cluster.xtx()[a], 0, cross[a], 0, p);
            cross[a][p] = cluster.xty()[a];
            cross[p][a] = cluster.xty()[a];
        }
        mean[p] = cluster.ySum() / n;
        cross[p][p] = cluster.yty();
        boolean[] constant = new boolean[d];
        double[][] centred = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                centred[a][b] = cross[a][b] - n * mean[a] * mean[b];
            }
        }
        for (int a = 0; a < d; a++) {
            constant[a] = !(centred[a][a] > RANK_TOLERANCE * Math.max(Math.abs(cross[a][a]), Double.MIN_NORMAL));
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                if (constant[a] || constant[b]) {
                    centred[a][b] = 0;
                }
            }
        }
        LinearAlgebra.Eigen eigen = LinearAlgebra.symmetricEigen(centred);
        double largest = Math.max(eigen.values()[0], 0);
        int k = 0;
        while (k < Math.min(n - 1, d) && eigen.values()[k] > RANK_TOLERANCE * largest) {
            k++;
        }
        double[][] rows = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int a = 0; a < d; a++) {
                rows[r][a] = mean[a];
            }
        }
        for (int t = 0; t < k; t++) {
            double scale = Math.sqrt(eigen.values()[t]);
            int j = t + 1;
            double norm = Math.sqrt((double) j * (j + 1));
            for (int r = 0; r <= j; r++) {
                double h = r < j ? 1 / norm : -j / norm;
                for (int a = 0; a < d; a++) {
                    if (!constant[a]) {
                        rows[r][a] += h * scale * eigen.vectors()[a][t];
                    }
                }
            }
        }
        return rows;
    }
}
