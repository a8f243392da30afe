package org.balintobservatory.metaanalysis.model;

import java.util.Arrays;

/**
 * The few dense-matrix operations the models need. Design matrices have few columns (p), so
 * everything is done on p x p matrices and length-k vectors; no k x k matrix is ever formed.
 * Public for the participant-level models of {@code org.balintobservatory.metaanalysis.ipd}, which
 * work on the same small matrices.
 */
public final class LinearAlgebra {

    /**
     * Relative size below which a column's QR pivot counts as zero; the tolerance of R's
     * {@code qr()} (LINPACK dqrdc2), which metafor relies on to detect redundant predictors.
     */
    static final double RANK_TOLERANCE = 1e-7;

    private LinearAlgebra() {
    }

    /**
     * Inverse and log-determinant of {@code X' W X}, computed as metafor's {@code .invcalc} does,
     * from a QR decomposition of {@code sqrt(W) X}: this keeps the accuracy of the design matrix
     * itself rather than squaring its condition number (uncentred years as moderators are the
     * typical case where that matters).
     *
     * @return the inverse and log-determinant, or {@code null} if the columns of {@code sqrt(W) X}
     *         are linearly dependent
     */
    static Gram inverseCrossProduct(double[][] x, double[] w) {
        int k = x.length;
        int p = x[0].length;
        double[][] a = new double[k][p];
        double[] columnNorm = new double[p];
        for (int i = 0; i < k; i++) {
            double sw = Math.sqrt(w[i]);
            for (int j = 0; j < p; j++) {
                a[i][j] = sw * x[i][j];
                columnNorm[j] += a[i][j] * a[i][j];
            }
        }
        double logDeterminant = 0;
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (int i = j; i < k; i++) {
                norm += a[i][j] * a[i][j];
            }
            norm = Math.sqrt(norm);
            if (j >= k || columnNorm[j] == 0 || norm <= RANK_TOLERANCE * Math.sqrt(columnNorm[j])) {
                return null;
            }
            double alpha = a[j][j] > 0 ? -norm : norm;
            double[] v = new double[k - j];
            v[0] = a[j][j] - alpha;
            double vNorm2 = v[0] * v[0];
            for (int i = j + 1; i < k; i++) {
                v[i - j] = a[i][j];
                vNorm2 += v[i - j] * v[i - j];
            }
            for (int c = j; c < p; c++) {
                double dot = 0;
                for (int i = j; i < k; i++) {
                    dot += v[i - j] * a[i][c];
                }
                double f = 2 * dot / vNorm2;
                for (int i = j; i < k; i++) {
                    a[i][c] -= f * v[i - j];
                }
            }
            logDeterminant += 2 * Math.log(Math.abs(a[j][j]));
        }
        double[][] rInverse = new double[p][p];
        for (int col = 0; col < p; col++) {
            rInverse[col][col] = 1 / a[col][col];
            for (int row = col - 1; row >= 0; row--) {
                double sum = 0;
                for (int m = row + 1; m <= col; m++) {
                    sum += a[row][m] * rInverse[m][col];
                }
                rInverse[row][col] = -sum / a[row][row];
            }
        }
        double[][] inverse = new double[p][p];
        for (int r = 0; r < p; r++) {
            for (int c = r; c < p; c++) {
                double sum = 0;
                for (int m = c; m < p; m++) {
                    sum += rInverse[r][m] * rInverse[c][m];
                }
                inverse[r][c] = sum;
                inverse[c][r] = sum;
            }
        }
        return new Gram(inverse, logDeterminant);
    }

    /**
     * Inverse of a symmetric positive definite matrix by Cholesky decomposition.
     *
     * @return the inverse, or {@code null} if the matrix is not positive definite (as R's
     *         {@code chol} fails, after which metafor reports QM as {@code NA})
     */
    public static double[][] invertPositiveDefinite(double[][] s) {
        double[][] l = cholesky(s);
        return l == null ? null : inverseFromCholesky(l);
    }

    /** @return {@code X' diag(d) X} */
    static double[][] weightedCrossProduct(double[][] x, double[] d) {
        int p = x[0].length;
        double[][] result = new double[p][p];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < p; r++) {
                double scaled = d[i] * x[i][r];
                for (int c = r; c < p; c++) {
                    result[r][c] += scaled * x[i][c];
                }
            }
        }
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < r; c++) {
                result[r][c] = result[c][r];
            }
        }
        return result;
    }

    /** @return {@code tr(A B)} for square matrices of equal size */
    public static double traceOfProduct(double[][] a, double[][] b) {
        double trace = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                trace += a[i][j] * b[j][i];
            }
        }
        return trace;
    }

    /** @return {@code A B} for square matrices of equal size */
    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] result = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < n; m++) {
                double aim = a[i][m];
                for (int j = 0; j < n; j++) {
                    result[i][j] += aim * b[m][j];
                }
            }
        }
        return result;
    }

    /** @return a deep copy of {@code matrix} */
    public static double[][] copy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    /**
     * Cholesky factor {@code L} of a symmetric positive definite matrix, {@code S = L L'}.
     *
     * @return the lower-triangular factor, or {@code null} if {@code S} is not positive definite
     */
    public static double[][] cholesky(double[][] s) {
        int n = s.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double diagonal = s[j][j];
            for (int m = 0; m < j; m++) {
                diagonal -= l[j][m] * l[j][m];
            }
            if (!(diagonal > 0)) {
                return null;
            }
            l[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < n; i++) {
                double sum = s[i][j];
                for (int m = 0; m < j; m++) {
                    sum -= l[i][m] * l[j][m];
                }
                l[i][j] = sum / l[j][j];
            }
        }
        return l;
    }

    /** @return {@code log det S = 2 sum log L_jj} from the Cholesky factor of S */
    public static double logDeterminant(double[][] l) {
        double sum = 0;
        for (int j = 0; j < l.length; j++) {
            sum += 2 * Math.log(l[j][j]);
        }
        return sum;
    }

    /** @return {@code S^-1 = L'^-1 L^-1} from the Cholesky factor of S */
    public static double[][] inverseFromCholesky(double[][] l) {
        int n = l.length;
        double[][] lInverse = new double[n][n];
        for (int col = 0; col < n; col++) {
            lInverse[col][col] = 1 / l[col][col];
            for (int row = col + 1; row < n; row++) {
                double sum = 0;
                for (int m = col; m < row; m++) {
                    sum += l[row][m] * lInverse[m][col];
                }
                lInverse[row][col] = -sum / l[row][row];
            }
        }
        double[][] inverse = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = r; c < n; c++) {
                double sum = 0;
                for (int m = c; m < n; m++) {
                    sum += lInverse[m][r] * lInverse[m][c];
                }
                inverse[r][c] = sum;
                inverse[c][r] = sum;
            }
        }
        return inverse;
    }

    /** @return {@code x' M x} */
    public static double quadraticForm(double[] x, double[][] m) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                sum += x[i] * m[i][j] * x[j];
            }
        }
        return sum;
    }

    /**
     * Eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method (Golub &amp;
     * Van Loan 2013, Matrix Computations, 4th ed., sec. 8.5): plane rotations, each zeroing one
     * off-diagonal entry, sweep the matrix until the off-diagonal part is negligible; exact to rounding
     * for the small matrices here (one institution's studies, or a few contrasts).
     *
     * @return the eigenvalues in decreasing order, as R's {@code eigen(symmetric = TRUE)} lists them,
     *         and the unit eigenvectors as the columns of {@code vectors}, in the same order
     */
    public static Eigen symmetricEigen(double[][] s) {
        int n = s.length;
        double[][] a = copy(s);
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * scale || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int c = 0; c < n; c++) {
            values[c] = a[order[c]][order[c]];
            for (int r = 0; r < n; r++) {
                vectors[r][c] = v[r][order[c]];
            }
        }
        return new Eigen(values, vectors);
    }

    /**
     * Eigen decomposition {@code S = vectors diag(values) vectors'}.
     *
     * @param values  eigenvalues, decreasing
     * @param vectors unit eigenvectors as columns, in the order of {@code values}
     */
    public record Eigen(double[] values, double[][] vectors) {
    }

    /**
     * Inverse and log-determinant of a Gram matrix {@code X' W X}.
     *
     * @param inverse         {@code (X' W X)^-1}
     * @param logDeterminant  {@code log det(X' W X)}
     */
    record Gram(double[][] inverse, double logDeterminant) {
    }
}
