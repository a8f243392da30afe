package org.balintobservatory.metaanalysis.model;

import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the engine computes for one model; the public result records are built from it.
 * Numbers that are not available stay {@code NaN}.
 */
public final class ModelFit {

    public final int k;
    public final int p;
    public final EstimationMethod method;
    public final double level;
    public final List<String> notes = new ArrayList<>();
    public TestType test;
    public boolean estimable;
    public double[] beta;
    public double[][] covariance;
    public double[] se;
    public double[] statistic;
    public double[] pValue;
    public double[] ciLower;
    public double[] ciUpper;
    public double df = Double.NaN;
    public double critical = Double.NaN;
    public double qm = Double.NaN;
    public int qmDf1;
    public double qmDf2 = Double.NaN;
    public double qmPValue = Double.NaN;
    public double qe = Double.NaN;
    public int qeDf;
    public double qePValue = Double.NaN;
    public double tau2 = Double.NaN;
    public double tau2Se = Double.NaN;
    public double i2 = Double.NaN;
    public double h2 = Double.NaN;
    /** Knapp-Hartung scale factor {@code s^2} applied to Var(b) (metafor's {@code s2w}); 1 under z tests. */
    public double scale = 1;
    /** metafor's {@code control$stepadj} REML Fisher scoring converged with; {@code NaN} if not REML. */
    public double stepAdjustment = Double.NaN;

    public ModelFit(int k, int p, EstimationMethod method, TestType test, double level) {
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
    public double alpha() {
        return (100 - level) / 100;
    }

    public ModelFit notEstimable(String reason) {
        estimable = false;
        notes.add(reason);
        return this;
    }

    /** @return {@code pred +- crit * sqrt(se^2 + tau^2)} bounds and the CI for row {@code x} */
    public Prediction predict(double[] x) {
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
