package org.balintobservatory.metaanalysis.multilevel;

import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ExcludedStudy;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

import java.util.List;

/**
 * Result of a three-level model, studies (groups) nested in clusters (institutions), as metafor's
 * {@code rma.mv(yi, vi, mods, random = ~ 1 | institution/group, method)}.
 *
 * <p>When the model is not estimable (fewer than two clusters, too few studies for the
 * coefficients, collinear moderators, no convergence), {@code estimable} is {@code false}, every
 * number is {@code NaN} and {@code notes} says why.
 *
 * @param estimable    whether the model could be fitted
 * @param k            number of studies used
 * @param p            number of coefficients, intercept included
 * @param method       REML or ML
 * @param test         Z, or KNHA read as metafor's {@code rma.mv(test = "t")}: t(k - p) tests and
 *                     F(m, k - p) for QM, without rescaling the covariance matrix
 * @param level        confidence level in percent
 * @param coefficients the coefficients in design-matrix order, intercept first
 * @param df           k - p under t tests; {@code NaN} for z
 * @param qm           Wald test of the non-intercept coefficients (of the intercept when p = 1):
 *                     chi-square under z, {@code QM/m} against F(m, k - p) under t
 * @param qmDf1        m
 * @param qmDf2        k - p under t; {@code NaN} for z
 * @param qmPValue     p-value of QM
 * @param qe           residual heterogeneity {@code Q_E = sum (y_i - x_i'b_FE)^2 / v_i}, df k - p
 * @param qeDf         its degrees of freedom
 * @param qePValue     its p-value against chi-square(k - p)
 * @param components   the variance of each level, outer first; {@code NaN} sigma^2 and I^2 when the data
 *                     cannot tell the levels apart (no institution with two groups), see {@code notes}
 * @param sigma2Total  the sum of the levels' variances, the between-study variance of a new study;
 *                     estimable even when its split is not
 * @param i2           the share of the total variance due to all levels together, in percent
 * @param logLik       the (restricted) log-likelihood as metafor's {@code logLik()} reports it
 * @param covariance   variance-covariance matrix of the coefficients (a copy is returned)
 * @param excluded     studies left out, with reasons
 * @param notes        warnings and explanations
 */
public record MultilevelResult(
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
        List<VarianceComponent> components,
        double sigma2Total,
        double i2,
        double logLik,
        double[][] covariance,
        List<ExcludedStudy> excluded,
        List<String> notes) {

    public MultilevelResult {
        // Copies lists and the matrix so the result stays immutable.
        coefficients = List.copyOf(coefficients);
        components = List.copyOf(components);
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
        return coefficients.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no coefficient named " + name));
    }

    /**
     * Predicted average effect for given moderator values, as metafor's
     * {@code predict(res, newmods = c(...))} for an {@code rma.mv} model: {@code pred = x'b},
     * {@code se = sqrt(x' V_b x)}, prediction interval {@code pred +- crit sqrt(se^2 + sum sigma^2)}.
     *
     * @param moderatorValues values of the p - 1 non-intercept columns
     * @return the prediction; all {@code NaN} if the model is not estimable
     */
    public Prediction predict(double... moderatorValues) {
        return Prediction.of(estimable, coefficients, covariance, test, df, level, sigma2Total, moderatorValues);
    }
}
