package org.balintobservatory.metaanalysis.diagnostics;

import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.MixedEffectsEngine;
import org.balintobservatory.metaanalysis.model.ModelFit;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.StudyFilter;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Robustness and small-study diagnostics of the random-effects model without moderators, as
 * metafor computes them for {@code res <- rma(yi, vi, method, test)}: {@code leave1out(res)},
 * {@code influence(res)}, {@code rstandard(res)}, {@code baujat(res)}, {@code regtest(res)},
 * {@code trimfill(res)} and {@code cumul(res, order)} (Viechtbauer &amp; Cheung, 2010, Res Synth
 * Methods 1(2), for the case diagnostics). Every refit uses the same estimator, test and level as
 * the full model, and a study with an unusable effect size is left out of everything, as in
 * {@link RandomEffectsModel}.
 */
public final class Diagnostics {

    /** metafor's {@code trimfill(maxiter = 100)}. */
    static final int TRIM_FILL_MAX_ITERATIONS = 100;

    private Diagnostics() {
    }

    /**
     * The model refitted without each label in turn: {@code leave1out(res)} when every study has its
     * own label, the leave-one-institution-out analysis when the label is the institution.
     *
     * @param labels the label of each study; studies sharing a label are left out together
     * @return by label, in order of first appearance, the fit without that label's studies
     */
    public static Map<String, RandomEffectsResult> leaveOut(double[] yi, double[] vi, List<String> labels,
                                                            ModelOptions options) {
        RandomEffectsModel.requireSameLength(yi, vi);
        Objects.requireNonNull(options, "options");
        if (labels.size() != yi.length) {
            throw new IllegalArgumentException("labels has " + labels.size() + " entries for " + yi.length + " studies");
        }
        Map<String, RandomEffectsResult> out = new LinkedHashMap<>();
        for (String label : new java.util.LinkedHashSet<>(labels)) {
            int[] kept = IntStream.range(0, yi.length).filter(i -> !label.equals(labels.get(i))).toArray();
            out.put(label, RandomEffectsModel.fit(pick(yi, kept), pick(vi, kept), options));
        }
        return out;
    }

    /**
     * Cumulative meta-analysis, {@code cumul(res, order)}: the model fitted to the first 1, 2, ..., k
     * studies in the given order (ties keep their input order).
     *
     * @param order a sort key per study (a date as epoch day, a year)
     * @return the fits, the i-th to the first i + 1 studies in order, and the order used
     */
    public static Cumulative cumulative(double[] yi, double[] vi, double[] order, ModelOptions options) {
        RandomEffectsModel.requireSameLength(yi, vi);
        if (order.length != yi.length) {
            throw new IllegalArgumentException("order has " + order.length + " keys for " + yi.length + " studies");
        }
        int[] sorted = IntStream.range(0, yi.length).boxed()
                .sorted(Comparator.comparingDouble(i -> order[i])).mapToInt(Integer::intValue).toArray();
        List<RandomEffectsResult> fits = new ArrayList<>();
        for (int n = 1; n <= sorted.length; n++) {
            int[] first = Arrays.copyOf(sorted, n);
            fits.add(RandomEffectsModel.fit(pick(yi, first), pick(vi, first), options));
        }
        return new Cumulative(Arrays.stream(sorted).boxed().toList(), fits);
    }

    /**
     * The fits of a cumulative meta-analysis.
     *
     * @param order the study indices in the order they were added
     * @param fits  the i-th fit pools the first i + 1 of them
     */
    public record Cumulative(List<Integer> order, List<RandomEffectsResult> fits) {

        public Cumulative {
            order = List.copyOf(order);
            fits = List.copyOf(fits);
        }
    }

    /**
     * Case diagnostics of every usable study: {@code rstandard(res)}, {@code influence(res)} and the
     * coordinates of {@code baujat(res)}.
     *
     * @return one row per usable study, in input order; empty, with a note, when the model has
     *         fewer than two studies or cannot be fitted
     */
    public static Influence influence(double[] yi, double[] vi, ModelOptions options) {
        RandomEffectsModel.requireSameLength(yi, vi);
        StudyFilter.Included included = StudyFilter.filter(yi, vi, null, null);
        double[] y = included.y();
        double[] v = included.v();
        int k = y.length;
        List<String> notes = new ArrayList<>();
        ModelFit full = MixedEffectsEngine.fit(y, v, included.x(), 1, options);
        if (k < 2 || !full.estimable) {
            notes.add(k < 2 ? "Influence needs at least two studies, found " + k + "."
                    : "The model could not be fitted: " + String.join(" ", full.notes));
            return new Influence(List.of(), notes);
        }
        double b = full.beta[0];
        double vb = full.covariance[0][0];
        double[] w = MixedEffectsEngine.inverse(v, full.tau2);
        double sumW = Arrays.stream(w).sum();
        double dffitsCut = 3 * Math.sqrt(1.0 / (k - 1));
        double cookCut = 0.454936423119572; // qchisq(0.5, df = 1): pchisq(cook.d, 1) > 0.5
        List<InfluenceRow> rows = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            final int left = i;
            int[] kept = IntStream.range(0, k).filter(j -> j != left).toArray();
            ModelFit deleted = MixedEffectsEngine.fit(pick(y, kept), pick(v, kept), pick(included.x(), kept), 1,
                    options);
            double hat = w[i] / sumW;
            double residual = y[i] - b;
            double residualSe = Math.sqrt(v[i] + full.tau2 - 1 / sumW);
            if (!deleted.estimable) {
                notes.add("Without study " + included.indices()[i] + " the model could not be fitted; its"
                        + " deletion diagnostics are not available.");
                rows.add(new InfluenceRow(included.indices()[i], residual, residualSe, residual / residualSe,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, hat, 100 * hat,
                        Double.NaN, residual * residual / (full.tau2 + v[i]), Double.NaN, hat > 3.0 / k));
                continue;
            }
            double bDeleted = deleted.beta[0];
            double vbDeleted = deleted.covariance[0][0];
            double tau2Deleted = deleted.tau2;
            double s2w = deleted.scale;
            double change = b - bDeleted;
            double dffits = change / Math.sqrt(s2w * hat * (tau2Deleted + v[i]));
            double vbAll = 1 / Arrays.stream(MixedEffectsEngine.inverse(v, tau2Deleted)).sum();
            double dfbetas = change / Math.sqrt(s2w * vbAll);
            double cook = change * change / vb;
            double rstudent = (y[i] - bDeleted) / Math.sqrt(v[i] * s2w + vbDeleted + tau2Deleted * s2w);
            boolean influential = Math.abs(dffits) > dffitsCut || cook > cookCut || hat > 3.0 / k
                    || Math.abs(dfbetas) > 1;
            rows.add(new InfluenceRow(included.indices()[i], residual, residualSe, residual / residualSe, rstudent,
                    dffits, cook, vbDeleted / vb, tau2Deleted, deleted.qe, hat, 100 * hat, dfbetas,
                    residual * residual / (full.tau2 + v[i]), change * change / vbDeleted, influential));
        }
        return new Influence(rows, notes);
    }

    /**
     * @param rows  one per usable study
     * @param notes why rows or figures are missing
     */
    public record Influence(List<InfluenceRow> rows, List<String> notes) {

        public Influence {
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Egger's regression test, {@code regtest(res)}: {@code rma(yi, vi, mods = ~ sqrt(vi))} with the
     * full model's estimator and test.
     */
    public static EggerTest egger(double[] yi, double[] vi, ModelOptions options) {
        RandomEffectsModel.requireSameLength(yi, vi);
        double[] sei = Arrays.stream(vi).map(Math::sqrt).toArray();
        MetaRegressionResult fit = MetaRegression.fit(yi, vi, MetaRegression.designMatrix(sei),
                List.of(MetaRegression.INTERCEPT, "sei"), options);
        if (!fit.estimable()) {
            List<String> notes = new ArrayList<>(fit.notes());
            notes.add(0, "Egger's test needs the regression on the standard errors, which could not be fitted.");
            return new EggerTest(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, notes);
        }
        Coefficient slope = fit.coefficient("sei");
        Coefficient limit = fit.coefficient(MetaRegression.INTERCEPT);
        return new EggerTest(true, slope.statistic(), fit.df(), slope.pValue(), slope.estimate(), limit.estimate(),
                limit.ciLower(), limit.ciUpper(), fit.notes());
    }

    /**
     * Trim-and-fill with the L0 estimator, {@code trimfill(res)}: the side is where Egger's slope says
     * studies are missing (left when the slope of {@code rma(yi, vi, mods = ~ sqrt(vi))} is
     * non-negative); then, on the effects sorted on that side, repeatedly: fit the k - k0 least
     * extreme, rank {@code |y_i - b|} (ties by position), {@code S_r} = sum of the ranks of the
     * studies above b, {@code k0 = max(0, round((4 S_r - k(k+1)) / (2k - 1)))}, until k0 no longer
     * changes (Duval &amp; Tweedie, 2000); finally fill in the mirror images {@code 2b - y_i} of the
     * k0 most extreme studies and refit.
     */
    public static TrimAndFillResult trimAndFill(double[] yi, double[] vi, ModelOptions options) {
        RandomEffectsModel.requireSameLength(yi, vi);
        StudyFilter.Included included = StudyFilter.filter(yi, vi, null, null);
        int k = included.y().length;
        List<String> notes = new ArrayList<>();
        RandomEffectsResult observed = RandomEffectsModel.fit(included.y(), included.v(), options);
        if (k < 3 || !observed.estimable()) {
            notes.add("Trim-and-fill needs at least three studies and a fitted model; found " + k + " studies.");
            return new TrimAndFillResult(false, 0, Double.NaN, null, List.of(), List.of(), observed, notes);
        }
        double[] sei = Arrays.stream(included.v()).map(Math::sqrt).toArray();
        MetaRegressionResult sideModel = MetaRegression.fit(included.y(), included.v(),
                MetaRegression.designMatrix(sei), List.of(MetaRegression.INTERCEPT, "sei"), options);
        boolean right = sideModel.estimable() && sideModel.coefficient("sei").estimate() < 0;
        double sign = right ? -1 : 1;
        Integer[] ix = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(ix, Comparator.comparingDouble(i -> sign * included.y()[i]));
        double[] y = new double[k];
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            y[j] = sign * included.y()[ix[j]];
            v[j] = included.v()[ix[j]];
        }
        int k0 = 0;
        int previous = -1;
        double beta = Double.NaN;
        double k0Se = Double.NaN;
        int iterations = 0;
        while (k0 != previous) {
            previous = k0;
            if (++iterations > TRIM_FILL_MAX_ITERATIONS) {
                notes.add("Trim-and-fill did not converge within " + TRIM_FILL_MAX_ITERATIONS + " iterations.");
                return new TrimAndFillResult(false, 0, Double.NaN, right ? "right" : "left", List.of(), List.of(),
                        observed, notes);
            }
            RandomEffectsResult trimmed = RandomEffectsModel.fit(Arrays.copyOf(y, k - k0), Arrays.copyOf(v, k - k0),
                    options);
            if (!trimmed.estimable()) {
                notes.add("The trimmed model could not be fitted: " + String.join(" ", trimmed.notes()));
                return new TrimAndFillResult(false, 0, Double.NaN, right ? "right" : "left", List.of(), List.of(),
                        observed, notes);
            }
            beta = trimmed.estimate();
            double[] centred = new double[k];
            for (int j = 0; j < k; j++) {
                centred[j] = y[j] - beta;
            }
            Integer[] byDistance = IntStream.range(0, k).boxed().toArray(Integer[]::new);
            Arrays.sort(byDistance, Comparator.comparingDouble(j -> Math.abs(centred[j])));
            double sr = 0;
            for (int rank = 0; rank < k; rank++) {
                if (centred[byDistance[rank]] > 0) {
                    sr += rank + 1;
                }
            }
            double estimate = (4 * sr - k * (k + 1.0)) / (2 * k - 1.0);
            double variance = (k * (k + 1.0) * (2 * k + 1) + 10 * Math.pow(estimate, 3) + 27 * estimate * estimate
                    + 17 * estimate - 18 * k * estimate * estimate - 18 * k * estimate + 6.0 * k * k * estimate) / 24;
            k0Se = Math.max(0, 4 * Math.sqrt(variance) / (2 * k - 1));
            k0 = (int) Math.max(0, Math.rint(estimate));
        }
        List<Double> filledYi = new ArrayList<>();
        List<Double> filledVi = new ArrayList<>();
        for (int j = k - k0; j < k; j++) {
            filledYi.add(sign * (2 * beta - y[j]));
            filledVi.add(v[j]);
        }
        RandomEffectsResult adjusted = observed;
        if (k0 > 0) {
            double[] allY = new double[k + k0];
            double[] allV = new double[k + k0];
            System.arraycopy(included.y(), 0, allY, 0, k);
            System.arraycopy(included.v(), 0, allV, 0, k);
            for (int j = 0; j < k0; j++) {
                allY[k + j] = filledYi.get(j);
                allV[k + j] = filledVi.get(j);
            }
            adjusted = RandomEffectsModel.fit(allY, allV, options);
        }
        return new TrimAndFillResult(true, k0, k0Se, right ? "right" : "left", filledYi, filledVi, adjusted, notes);
    }

    private static double[] pick(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int j = 0; j < indices.length; j++) {
            out[j] = values[indices[j]];
        }
        return out;
    }

    private static double[][] pick(double[][] values, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int j = 0; j < indices.length; j++) {
            out[j] = values[indices[j]];
        }
        return out;
    }
}
