package org.balintobservatory.metaanalysis.model;

import java.util.ArrayList;
import java.util.List;

import org.balintobservatory.metaanalysis.effectsize.EffectSize;

/**
 * Splits the caller's studies into those a model can use and those it must leave out, with the
 * reason for each. metafor silently drops studies with missing values and keeps zero variances
 * (with a warning, and without Q, I^2 and H^2); here every exclusion is reported, and a
 * non-positive sampling variance excludes the study, because it would claim infinite precision
 * and take all the weight under a fixed-effect or DerSimonian-Laird fit.
 */
public final class StudyFilter {

    private StudyFilter() {
    }

    /**
     * @param yi          effect sizes
     * @param vi          sampling variances
     * @param x           design rows, or {@code null} for intercept-only models
     * @param priorReason per-study reasons decided by the caller (e.g. a not-computable effect
     *                    size), or {@code null}; a non-null entry excludes that study
     * @return the usable studies, in input order, and the exclusions
     */
    public static Included filter(double[] yi, double[] vi, double[][] x, String[] priorReason) {
        List<Integer> kept = new ArrayList<>();
        List<ExcludedStudy> excluded = new ArrayList<>();
        for (int i = 0; i < yi.length; i++) {
            String reason = priorReason == null ? null : priorReason[i];
            if (reason == null) {
                reason = problem(yi[i], vi[i], x == null ? null : x[i]);
            }
            if (reason == null) {
                kept.add(i);
            } else {
                excluded.add(new ExcludedStudy(i, reason));
            }
        }
        int k = kept.size();
        int[] indices = new int[k];
        double[] y = new double[k];
        double[] v = new double[k];
        double[][] rows = new double[k][];
        for (int j = 0; j < k; j++) {
            int i = kept.get(j);
            indices[j] = i;
            y[j] = yi[i];
            v[j] = vi[i];
            rows[j] = x == null ? new double[] {1.0} : x[i].clone();
        }
        return new Included(indices, y, v, rows, List.copyOf(excluded));
    }

    /** @return the yi/vi arrays of the effect sizes and their not-computable reasons */
    public static Included filter(List<EffectSize> effects, double[][] x) {
        int k = effects.size();
        double[] yi = new double[k];
        double[] vi = new double[k];
        String[] reasons = new String[k];
        for (int i = 0; i < k; i++) {
            EffectSize effect = effects.get(i);
            yi[i] = effect.yi();
            vi[i] = effect.vi();
            reasons[i] = effect.exclusionReason();
        }
        return filter(yi, vi, x, reasons);
    }

    private static String problem(double y, double v, double[] row) {
        if (!Double.isFinite(y)) {
            return "effect size is not finite (" + y + ")";
        }
        if (!Double.isFinite(v)) {
            return "sampling variance is not finite (" + v + ")";
        }
        if (v <= 0) {
            return "sampling variance must be positive, got " + v
                    + " (a study cannot be infinitely precise; check the input data)";
        }
        if (row != null) {
            for (double value : row) {
                if (!Double.isFinite(value)) {
                    return "a moderator value is not finite (" + value + ")";
                }
            }
        }
        return null;
    }

    public static List<String> exclusionNotes(List<ExcludedStudy> excluded, int total) {
        if (excluded.isEmpty()) {
            return List.of();
        }
        return List.of(excluded.size() + " of " + total + " studies excluded; see excluded() for the reasons.");
    }

    /**
     * The usable studies.
     *
     * @param indices  their positions in the caller's input
     * @param y        effect sizes
     * @param v        sampling variances
     * @param x        design rows
     * @param excluded the studies left out
     */
    public record Included(int[] indices, double[] y, double[] v, double[][] x, List<ExcludedStudy> excluded) {
    }
}
