package org.balintobservatory.metaanalysis.numerics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;

/**
 * The few dense-matrix operations the models need. Design matrices have few columns (p), so
 * everything is done on p x p matrices and length-k vectors; no k x k matrix is ever formed.
 * Products, Cholesky factors, triangular inverses and eigen decompositions are EJML's; the pivoted QR
 * of {@link #inverseCrossProduct} is written out because metafor's rank decision depends on its exact
 * tolerance rule.
 * Shared by every model family of the library and by the one-stage models of
 * {@code org.balintobservatory.metaanalysis.mixed}, which work on the same small matrices.
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
    public static Gram inverseCrossProduct(double[][] x, double[] w) {
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
    public static double[][] weightedCrossProduct(double[][] x, double[] d) {
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
        DMatrixRMaj product = new DMatrixRMaj(a.length, b[0].length);
        CommonOps_DDRM.mult(new DMatrixRMaj(a), new DMatrixRMaj(b), product);
        return toArray(product);
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
        CholeskyDecomposition_F64<DMatrixRMaj> decomposition = DecompositionFactory_DDRM.chol(s.length, true);
        DMatrixRMaj matrix = new DMatrixRMaj(s);
        if (!decomposition.decompose(matrix)) {
            return null;
        }
        DMatrixRMaj l = decomposition.getT(null);
        for (int j = 0; j < s.length; j++) {
            // EJML stops only at a negative pivot; a zero one is as singular, as R's chol() says.
            if (!(l.get(j, j) > 0)) {
                return null;
            }
        }
        return toArray(l);
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
        DMatrixRMaj lInverse = new DMatrixRMaj(l);
        TriangularSolver_DDRM.invertLower(lInverse.data, l.length);
        DMatrixRMaj inverse = new DMatrixRMaj(l.length, l.length);
        CommonOps_DDRM.multTransA(lInverse, lInverse, inverse);
        return toArray(inverse);
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
     * Eigenvalues and eigenvectors of a small symmetric matrix (EJML's symmetric QR algorithm, Golub &amp;
     * Van Loan 2013, Matrix Computations, 4th ed., sec. 8.3). An eigenvector's sign is arbitrary, as in R.
     *
     * @return the eigenvalues in decreasing order, as R's {@code eigen(symmetric = TRUE)} lists them,
     *         and the unit eigenvectors as the columns of {@code vectors}, in the same order
     */
    public static Eigen symmetricEigen(double[][] s) {
        int n = s.length;
        EigenDecomposition_F64<DMatrixRMaj> decomposition = DecompositionFactory_DDRM.eig(n, true, true);
        if (!decomposition.decompose(new DMatrixRMaj(s))) {
            throw new ArithmeticException("the eigen decomposition did not converge");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(decomposition.getEigenvalue(y).real,
                decomposition.getEigenvalue(x).real));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int c = 0; c < n; c++) {
            values[c] = decomposition.getEigenvalue(order[c]).real;
            DMatrixRMaj vector = decomposition.getEigenVector(order[c]);
            for (int r = 0; r < n; r++) {
                vectors[r][c] = vector.get(r, 0);
            }
        }
        return new Eigen(values, vectors);
    }

    private static double[][] toArray(DMatrixRMaj matrix) {
        double[][] array = new double[matrix.numRows][matrix.numCols];
        for (int r = 0; r < matrix.numRows; r++) {
            System.arraycopy(matrix.data, r * matrix.numCols, array[r], 0, matrix.numCols);
        }
        return array;
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
    public record Gram(double[][] inverse, double logDeterminant) {
    }
}
