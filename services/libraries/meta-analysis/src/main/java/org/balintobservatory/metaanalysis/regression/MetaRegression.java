package org.balintobservatory.metaanalysis.regression;

import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.MixedEffectsEngine;
import org.balintobservatory.metaanalysis.model.ModelFit;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.StudyFilter;
import org.balintobservatory.metaanalysis.model.WeightedFit;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Mixed-effects meta-regression, as metafor's {@code rma(yi, vi, mods = ~ ..., method, test)}
 * (Viechtbauer, 2010, J Stat Softw 36(3)).
 *
 * <p>The model is {@code y_i = x_i'beta + u_i + e_i}, {@code u_i ~ N(0, tau^2)} (residual
 * heterogeneity), {@code e_i ~ N(0, v_i)}. With {@code W = diag(1/(v_i + tau^2))} and
 * {@code P = W - W X (X'WX)^-1 X'W}:
 * <pre>
 *   b      = (X'WX)^-1 X'W y,    Var(b) = (X'WX)^-1
 *   Knapp-Hartung (2003): Var(b) * sum w_i (y_i - x_i'b)^2 / (k - p), t(k - p), F(m, k - p)
 *   tau^2  REML: Fisher scoring (Viechtbauer, 2005);  DL: max(0, (Q_E - (k - p)) / tr(P_FE))
 *   QM     = b_m' Var(b_m)^-1 b_m over the non-intercept coefficients (QM/m under Knapp-Hartung)
 *   Q_E    = y' P_FE y  with fixed-effect weights, df k - p
 *   I^2    = 100 tau^2 / (tau^2 + s^2), H^2 = (tau^2 + s^2) / s^2, s^2 = (k - p) / tr(P_FE)
 *   R^2    = max(0, 100 (tau^2_RE - tau^2) / tau^2_RE), tau^2_RE from the model without moderators
 * </pre>
 */
public final class MetaRegression {

    /** Name metafor gives the intercept. */
    public static final String INTERCEPT = "intrcpt";

    private MetaRegression() {
    }

    /**
     * Builds a design matrix with a leading intercept column from moderator columns, the
     * equivalent of metafor's {@code mods = ~ a + b}.
     *
     * @param moderators one array per moderator, each with one value per study
     * @return k rows of {@code 1, a_i, b_i, ...}
     * @throws IllegalArgumentException if the moderators differ in length or none is given
     */
    public static double[][] designMatrix(double[]... moderators) {
        if (moderators.length == 0) {
            throw new IllegalArgumentException("at least one moderator is needed");
        }
        int k = moderators[0].length;
        double[][] x = new double[k][moderators.length + 1];
        for (int i = 0; i < k; i++) {
            x[i][0] = 1.0;
            for (int j = 0; j < moderators.length; j++) {
                if (moderators[j].length != k) {
                    throw new IllegalArgumentException("moderator " + j + " has " + moderators[j].length
                            + " values, expected " + k);
                }
                x[i][j + 1] = moderators[j][i];
            }
        }
        return x;
    }

    /**
     * Fits with coefficient names {@code intrcpt, x1, x2, ...}.
     *
     * @param yi      effect sizes
     * @param vi      sampling variances
     * @param x       design matrix, one row per study, intercept column (all 1) first
     * @param options estimator, test and level
     * @return the fitted model
     * @see #fit(double[], double[], double[][], List, ModelOptions)
     */
    public static MetaRegressionResult fit(double[] yi, double[] vi, double[][] x, ModelOptions options) {
        int p = x.length == 0 ? 1 : x[0].length;
        List<String> names = new ArrayList<>();
        names.add(INTERCEPT);
        for (int j = 1; j < p; j++) {
            names.add("x" + j);
        }
        return fit(yi, vi, x, names, options);
    }

    /**
     * Fits the meta-regression to the studies with finite {@code yi}, finite positive {@code vi}
     * and finite moderators; the others are reported in
     * {@link MetaRegressionResult#excluded()} with their row index.
     *
     * @param yi      effect sizes
     * @param vi      sampling variances
     * @param x       design matrix, one row per study, intercept column (all 1) first
     * @param names   one name per column, the first for the intercept
     * @param options estimator, test and level
     * @return the fitted model, or a not-estimable one whose notes say why
     * @throws IllegalArgumentException for structural mistakes: lengths that differ, ragged rows,
     *                                  a first column that is not all 1, a wrong number of names
     */
    public static MetaRegressionResult fit(double[] yi, double[] vi, double[][] x, List<String> names,
                                           ModelOptions options) {
        RandomEffectsModel.requireSameLength(yi, vi);
        Objects.requireNonNull(options, "options");
        if (x.length != yi.length) {
            throw new IllegalArgumentException("design matrix has " + x.length + " rows for " + yi.length + " studies");
        }
        int p = names.size();
        for (double[] row : x) {
            if (row.length != p) {
                throw new IllegalArgumentException("design rows must have " + p + " columns (one per name), got " + row.length);
            }
            if (row[0] != 1.0) {
                throw new IllegalArgumentException("the first design column must be the intercept (all 1), got " + row[0]);
            }
        }
        StudyFilter.Included included = StudyFilter.filter(yi, vi, x, null);
        return fit(included, p, names, options, StudyFilter.exclusionNotes(included.excluded(), yi.length));
    }

    static MetaRegressionResult fit(StudyFilter.Included included, int p, List<String> names, ModelOptions options,
                                    List<String> extraNotes) {
        double[] y = included.y();
        double[] v = included.v();
        double[][] x = included.x();
        ModelFit fit = MixedEffectsEngine.fit(y, v, x, p, options);
        double r2 = fit.estimable && p > 1 ? pseudoR2(fit, y, v, x, options) : Double.NaN;
        return MetaRegressionResult.from(fit, names, r2, included.excluded(), extraNotes);
    }

    /**
     * metafor's default R^2 (Raudenbush, 2009): proportional reduction of tau^2 against the model
     * without moderators fitted the same way; for the fixed-effect model, the adjusted R^2 of the
     * weighted least-squares regression with weights {@code 1/v_i}, as metafor.
     */
    private static double pseudoR2(ModelFit fit, double[] y, double[] v, double[][] x, ModelOptions options) {
        int k = y.length;
        if (fit.method == EstimationMethod.FE) {
            return weightedAdjustedR2(y, v, x, k, fit.p);
        }
        double[][] interceptOnly = new double[k][1];
        for (double[] row : interceptOnly) {
            row[0] = 1.0;
        }
        ModelFit base = MixedEffectsEngine.fit(y, v, interceptOnly, 1, options);
        if (!base.estimable) {
            fit.notes.add("R^2 not available: the model without moderators could not be fitted.");
            return Double.NaN;
        }
        if (base.tau2 == 0) {
            return 0;
        }
        return Math.max(0, 100 * (base.tau2 - fit.tau2) / base.tau2);
    }

    private static double weightedAdjustedR2(double[] y, double[] v, double[][] x, int k, int p) {
        double[] w = MixedEffectsEngine.inverse(v, 0);
        double first = y[0];
        if (Arrays.stream(y).allMatch(value -> value == first)) {
            return 0;
        }
        if (k <= p) {
            return Double.NaN;
        }
        double sumW = 0;
        double sumWy = 0;
        for (int i = 0; i < k; i++) {
            sumW += w[i];
            sumWy += w[i] * y[i];
        }
        double mean = sumWy / sumW;
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += w[i] * (y[i] - mean) * (y[i] - mean);
        }
        WeightedFit weighted = WeightedFit.of(x, w, y);
        if (weighted == null) {
            return Double.NaN;
        }
        double residual = weighted.rss;
        double r2 = 1 - residual / total;
        double adjusted = 1 - (1 - r2) * (k - 1) / (k - p);
        return Math.max(0, 100 * adjusted);
    }
}
