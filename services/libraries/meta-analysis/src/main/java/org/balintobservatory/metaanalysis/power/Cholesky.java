package org.balintobservatory.metaanalysis.power;

/** Solves a small symmetric positive-definite system, enough for one diagonal element of an inverse. */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * @return the solution {@code z} of {@code m z = e_j}, whose {@code j}-th element is {@code [m^-1]_jj};
     *         {@code null} when {@code m} is not numerically positive definite
     */
    static double[] solveUnit(double[][] m, int j) {
        int p = m.length;
        double[][] l = new double[p][p];
        double scale = 0;
        for (int i = 0; i < p; i++) {
            scale = Math.max(scale, Math.abs(m[i][i]));
        }
        for (int r = 0; r < p; r++) {
            for (int c = 0; c <= r; c++) {
                double sum = m[r][c];
                for (int s = 0; s < c; s++) {
                    sum -= l[r][s] * l[c][s];
                }
                if (r == c) {
                    if (!(sum > 1e-12 * scale)) {
                        return null;
                    }
                    l[r][r] = Math.sqrt(sum);
                } else {
                    l[r][c] = sum / l[c][c];
                }
            }
        }
        double[] y = new double[p];
        for (int r = 0; r < p; r++) {
            double sum = r == j ? 1 : 0;
            for (int s = 0; s < r; s++) {
                sum -= l[r][s] * y[s];
            }
            y[r] = sum / l[r][r];
        }
        double[] z = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double sum = y[r];
            for (int s = r + 1; s < p; s++) {
                sum -= l[s][r] * z[s];
            }
            z[r] = sum / l[r][r];
        }
        return z;
    }
}
