package org.balintobservatory.metaanalysis.regression;

import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ExcludedStudy;
import org.balintobservatory.metaanalysis.model.ModelFit;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Result of a mixed-effects meta-regression, as metafor's {@code rma(yi, vi, mods = ...)}.
 *
 * <p>When the model is not estimable (too few studies for the coefficients plus tau^2, collinear
 * moderators, no usable study, REML not converging), {@code estimable} is {@code false}, the
 * coefficients are {@code NaN} and {@code notes} says why. When k equals the number of
 * coefficients (possible only for the fixed-effect model), QE, I^2 and H^2 are {@code NaN} where
 * metafor prints the placeholders 0 / 1.
 *
 * @param estimable    whether the model could be fitted
 * @param k            number of studies used
 * @param p            number of coefficients, intercept included
 * @param method       estimator of the residual tau^2
 * @param test         test actually used
 * @param level        confidence level in percent
 * @param coefficients the coefficients in design-matrix order, intercept first
 * @param df           t degrees of freedom k - p under Knapp-Hartung; {@code NaN} for z
 * @param qm           omnibus test of the moderators: Wald chi-square under z, F statistic
 *                     ({@code QM/m}) under Knapp-Hartung; of the intercept when p = 1, as metafor
 * @param qmDf1        numerator degrees of freedom m (p - 1, or 1 when p = 1)
 * @param qmDf2        denominator degrees of freedom k - p under Knapp-Hartung; {@code NaN} for z
 * @param qmPValue     p-value of QM
 * @param qe           test of residual heterogeneity {@code Q_E = sum (y_i - x_i'b_FE)^2 / v_i}
 * @param qeDf         its degrees of freedom, k - p
 * @param qePValue     p-value of QE against chi-square(k - p)
 * @param tau2         residual between-study variance
 * @param tau2Se       its standard error as metafor reports it; {@code NaN} for FE
 * @param i2           residual I^2 in percent, {@code 100 tau^2 / (tau^2 + s^2)} with
 *                     {@code s^2 = (k - p) / tr(P)}
 * @param h2           residual H^2, {@code (tau^2 + s^2) / s^2}
 * @param r2           pseudo R^2 in percent, {@code max(0, 100 (tau^2_RE - tau^2_ME) / tau^2_RE)},
 *                     0 when tau^2_RE = 0 (Raudenbush, 2009; metafor's default); for FE metafor's
 *                     weighted-least-squares adjusted R^2; {@code NaN} without moderators
 * @param covariance   variance-covariance matrix of the coefficients (a copy is returned)
 * @param excluded     studies left out, with reasons
 * @param notes        warnings and explanations
 * @param stepAdjustment metafor's {@code control$stepadj} with which REML Fisher scoring converged
 *                     (1 unless the default step failed); {@code NaN} for other estimators
 */
public record MetaRegressionResult(
        boolean estimable,
        int k,
        int p,
        EstimationMethod method,
        TestType test,
        double level,
        List<Coefficient> coefficients,
        double df,
        double qm,
        int qmDf1,
        double qmDf2,
        double qmPValue,
        double qe,
        int qeDf,
        double qePValue,
        double tau2,
        double tau2Se,
        double i2,
        double h2,
        double r2,
        double[][] covariance,
        List<ExcludedStudy> excluded,
        List<String> notes,
        double stepAdjustment) {

    public MetaRegressionResult {
        // Copies lists and the matrix so the result stays immutable.
        coefficients = List.copyOf(coefficients);
        covariance = LinearAlgebra.copy(covariance);
        excluded = List.copyOf(excluded);
        notes = List.copyOf(notes);
    }

    /** @return a copy of the variance-covariance matrix of the coefficients */
    @Override
    public double[][] covariance() {
        return LinearAlgebra.copy(covariance);
    }

    /**
     * @param name coefficient name as given to the fit
     * @return that coefficient
     * @throws IllegalArgumentException if there is no coefficient of that name
     */
    public Coefficient coefficient(String name) {
        for (Coefficient coefficient : coefficients) {
            if (coefficient.name().equals(name)) {
                return coefficient;
            }
        }
        throw new IllegalArgumentException("no coefficient named " + name);
    }

    /**
     * Predicted average effect for given moderator values, as metafor's
     * {@code predict(res, newmods = c(...))}: {@code pred = x'b}, {@code se = sqrt(x' V_b x)},
     * confidence interval {@code pred +- crit se} and prediction interval
     * {@code pred +- crit sqrt(se^2 + tau^2)}, {@code crit} from the normal or, under
     * Knapp-Hartung, from t(k - p).
     *
     * @param moderatorValues values of the p - 1 non-intercept columns (the intercept is added)
     * @return the prediction; all {@code NaN} if the model is not estimable
     * @throws IllegalArgumentException if the number of values is not p - 1
     */
    public Prediction predict(double... moderatorValues) {
        return Prediction.of(estimable, coefficients, covariance, test, df, level, tau2, moderatorValues);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof MetaRegressionResult that)) {
            return false;
        }
        return estimable == that.estimable && k == that.k && p == that.p && method == that.method
                && test == that.test && Double.compare(level, that.level) == 0
                && coefficients.equals(that.coefficients) && Double.compare(df, that.df) == 0
                && Double.compare(qm, that.qm) == 0 && qmDf1 == that.qmDf1
                && Double.compare(qmDf2, that.qmDf2) == 0 && Double.compare(qmPValue, that.qmPValue) == 0
                && Double.compare(qe, that.qe) == 0 && qeDf == that.qeDf
                && Double.compare(qePValue, that.qePValue) == 0 && Double.compare(tau2, that.tau2) == 0
                && Double.compare(tau2Se, that.tau2Se) == 0 && Double.compare(i2, that.i2) == 0
                && Double.compare(h2, that.h2) == 0 && Double.compare(r2, that.r2) == 0
                && Arrays.deepEquals(covariance, that.covariance) && excluded.equals(that.excluded)
                && notes.equals(that.notes) && Double.compare(stepAdjustment, that.stepAdjustment) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(estimable, k, p, method, test, level, coefficients, df, qm, qmDf1, qmDf2, qmPValue,
                qe, qeDf, qePValue, tau2, tau2Se, i2, h2, r2, Arrays.deepHashCode(covariance), excluded, notes,
                stepAdjustment);
    }

    @Override
    public String toString() {
        return "MetaRegressionResult[estimable=" + estimable + ", k=" + k + ", p=" + p + ", method=" + method
                + ", test=" + test + ", level=" + level + ", coefficients=" + coefficients + ", df=" + df
                + ", qm=" + qm + ", qmDf1=" + qmDf1 + ", qmDf2=" + qmDf2 + ", qmPValue=" + qmPValue
                + ", qe=" + qe + ", qeDf=" + qeDf + ", qePValue=" + qePValue + ", tau2=" + tau2
                + ", tau2Se=" + tau2Se + ", i2=" + i2 + ", h2=" + h2 + ", r2=" + r2
                + ", covariance=" + Arrays.deepToString(covariance) + ", excluded=" + excluded
                + ", notes=" + notes + ", stepAdjustment=" + stepAdjustment + "]";
    }

    static MetaRegressionResult from(ModelFit fit, List<String> names, double r2,
                                     List<ExcludedStudy> excluded, List<String> extraNotes) {
        List<Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < fit.p; j++) {
            coefficients.add(new Coefficient(names.get(j), fit.beta[j], fit.se[j], fit.statistic[j],
                    fit.pValue[j], fit.ciLower[j], fit.ciUpper[j]));
        }
        List<String> notes = new ArrayList<>(extraNotes);
        notes.addAll(fit.notes);
        return new MetaRegressionResult(fit.estimable, fit.k, fit.p, fit.method, fit.test, fit.level, coefficients,
                fit.df, fit.qm, fit.qmDf1, fit.qmDf2, fit.qmPValue, fit.qe, fit.qeDf, fit.qePValue,
                fit.tau2, fit.tau2Se, fit.i2, fit.h2, r2, fit.covariance, excluded, notes, fit.stepAdjustment);
    }
}
