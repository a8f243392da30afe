package org.balintobservatory.metaanalysis.regression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.balintobservatory.metaanalysis.effectsize.EffectSize;
import org.balintobservatory.metaanalysis.model.ModelFit;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.StudyFilter;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;

/**
 * Subgroup analysis by a categorical moderator (for example the kind of institution or the
 * programme format), as the two usual metafor analyses together:
 * <ul>
 *   <li>one model per level, {@code rma(yi, vi, subset = m == level)}, each with its own tau^2;</li>
 *   <li>the mixed-effects model {@code rma(yi, vi, mods = ~ factor(m))} with a common residual
 *       tau^2, whose QM tests the difference between subgroups and whose QE is the residual
 *       heterogeneity (Viechtbauer, 2010, J Stat Softw 36(3), section 3.3).</li>
 * </ul>
 * Levels are sorted by {@link String#compareTo natural string order} and the first is the
 * reference of the dummy coding, as R's {@code factor()} does for plain lower-case labels (R sorts
 * by locale, which may order mixed-case labels differently).
 */
public final class SubgroupAnalysis {

    private SubgroupAnalysis() {
    }

    /**
     * Fits the per-level models and the moderator model; studies with a {@code null} label, a
     * non-finite effect or a non-positive variance are excluded with a reason.
     *
     * @param yi      effect sizes
     * @param vi      sampling variances
     * @param groups  subgroup label of each study
     * @param options estimator, test and level, used for every fit
     * @return the subgroup analysis
     * @throws IllegalArgumentException if the inputs differ in length
     */
    public static SubgroupResult fit(double[] yi, double[] vi, List<String> groups, ModelOptions options) {
        RandomEffectsModel.requireSameLength(yi, vi);
        return fit(yi, vi, groups, null, options);
    }

    /**
     * As {@link #fit(double[], double[], List, ModelOptions)} for effect sizes; not-computable
     * effect sizes are excluded with their own reason.
     *
     * @param effects effect sizes
     * @param groups  subgroup label of each effect size
     * @param options estimator, test and level
     * @return the subgroup analysis
     */
    public static SubgroupResult fit(List<EffectSize> effects, List<String> groups, ModelOptions options) {
        int k = effects.size();
        double[] yi = new double[k];
        double[] vi = new double[k];
        String[] reasons = new String[k];
        for (int i = 0; i < k; i++) {
            yi[i] = effects.get(i).yi();
            vi[i] = effects.get(i).vi();
            reasons[i] = effects.get(i).exclusionReason();
        }
        return fit(yi, vi, groups, reasons, options);
    }

    private static SubgroupResult fit(double[] yi, double[] vi, List<String> groups, String[] priorReasons,
                                      ModelOptions options) {
        Objects.requireNonNull(options, "options");
        if (groups.size() != yi.length) {
            throw new IllegalArgumentException("groups has " + groups.size() + " labels for " + yi.length + " studies");
        }
        String[] reasons = priorReasons == null ? new String[yi.length] : priorReasons.clone();
        for (int i = 0; i < yi.length; i++) {
            if (reasons[i] == null && groups.get(i) == null) {
                reasons[i] = "subgroup label is missing";
            }
        }
        StudyFilter.Included included = StudyFilter.filter(yi, vi, null, reasons);
        int k = included.y().length;
        String[] labels = new String[k];
        for (int j = 0; j < k; j++) {
            labels[j] = groups.get(included.indices()[j]);
        }
        List<String> levels = new ArrayList<>(new TreeSet<>(List.of(labels)));

        Map<String, RandomEffectsResult> subgroups = new LinkedHashMap<>();
        for (String level : levels) {
            List<Integer> members = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (labels[j].equals(level)) {
                    members.add(j);
                }
            }
            double[] y = new double[members.size()];
            double[] v = new double[members.size()];
            for (int m = 0; m < members.size(); m++) {
                y[m] = included.y()[members.get(m)];
                v[m] = included.v()[members.get(m)];
            }
            subgroups.put(level, RandomEffectsModel.fit(y, v, options));
        }

        List<String> names = new ArrayList<>();
        names.add(MetaRegression.INTERCEPT);
        names.addAll(levels.subList(Math.min(1, levels.size()), levels.size()));
        int p = Math.max(1, levels.size());
        double[][] x = new double[k][p];
        for (int j = 0; j < k; j++) {
            x[j][0] = 1.0;
            int levelIndex = levels.indexOf(labels[j]);
            if (levelIndex > 0) {
                x[j][levelIndex] = 1.0;
            }
        }
        StudyFilter.Included design = new StudyFilter.Included(included.indices(), included.y(), included.v(), x,
                included.excluded());
        List<String> notes = new ArrayList<>(StudyFilter.exclusionNotes(included.excluded(), yi.length));
        MetaRegressionResult moderatorModel;
        if (levels.size() < 2) {
            String reason = "Subgroup comparison needs at least two levels with usable studies, found " + levels.size() + ".";
            notes.add(reason);
            ModelFit empty = new ModelFit(k, p, options.method(), options.test(), options.level()).notEstimable(reason);
            moderatorModel = MetaRegressionResult.from(empty, names, Double.NaN, included.excluded(), List.of());
        } else {
            moderatorModel = MetaRegression.fit(design, p, names, options, List.of());
        }
        return new SubgroupResult(levels, subgroups, moderatorModel, included.excluded(), notes);
    }
}
