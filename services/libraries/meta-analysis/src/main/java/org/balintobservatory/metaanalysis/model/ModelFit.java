package org.balintobservatory.metaanalysis.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the engine computes for one model; the public result records are built from it.
 * Numbers that are not available stay {@code NaN}.
 */
final class ModelFit {

    final int k;
    final int p;
    final EstimationMethod method;
    final double level;
    final List<String> notes = new ArrayList<>();
    TestType test;
    boolean estimable;
    double[] beta;
    double[][] covariance;
    double[] se;
    double[] statistic;
    double[] pValue;
    double[] ciLower;
    double[] ciUpper;
    double df = Double.NaN;
    double critical = Double.NaN;
    double qm = Double.NaN;
    int qmDf1;
    double qmDf2 = Double.NaN;
    double qmPValue = Double.NaN;
    double qe = Double.NaN;
    int qeDf;
    double qePValue = Double.NaN;
    double tau2 = Double.NaN;
    double tau2Se = Double.NaN;
    double i2 = Double.NaN;
    double h2 = Double.NaN;
    /** Knapp-Hartung scale factor {@code s^2} applied to Var(b) (metafor's {@code s2w}); 1 under z tests. */
    double scale = 1;
    /** metafor's {@code control$stepadj} REML Fisher scoring converged with; {@code NaN} if not REML. */
    double stepAdjustment = Double.NaN;

    ModelFit(int k, int p, EstimationMethod method, TestType test, double level) {
        this.k = k;
        this.p = p;
        this.method = method;
        this.test = test;
        this.level = level;
        this.qeDf = Math.max(0, k - p);
        beta = nanArray(p);
        se = nanArray(p);
        statistic = nanArray(p);
        pValue = nanArray(p);
        ciLower = nanArray(p);
        ciUpper = nanArray(p);
        covariance = new double[p][p];
        for (double[] row : covariance) {
            Arrays.fill(row, Double.NaN);
        }
    }

    /** @return the two-sided error probability of the intervals */
    double alpha() {
        return (100 - level) / 100;
    }

    ModelFit notEstimable(String reason) {
        estimable = false;
        notes.add(reason);
        return this;
    }

    /** @return {@code pred +- crit * sqrt(se^2 + tau^2)} bounds and the CI for row {@code x} */
    Prediction predict(double[] x) {
        if (!estimable) {
            return new Prediction(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double estimate = 0;
        for (int j = 0; j < p; j++) {
            estimate += x[j] * beta[j];
        }
        double standardError = Math.sqrt(LinearAlgebra.quadraticForm(x, covariance));
        double predictionSe = Math.sqrt(standardError * standardError + tau2);
        return new Prediction(estimate, standardError,
                estimate - critical * standardError, estimate + critical * standardError,
                estimate - critical * predictionSe, estimate + critical * predictionSe);
    }

    private static double[] nanArray(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
