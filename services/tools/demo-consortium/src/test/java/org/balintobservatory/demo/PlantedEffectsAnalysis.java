package org.balintobservatory.demo;

import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.effectsize.EffectSize;
import org.balintobservatory.metaanalysis.effectsize.EffectSizes;
import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.multilevel.MultilevelModel;
import org.balintobservatory.metaanalysis.multilevel.MultilevelResult;
import org.balintobservatory.metaanalysis.power.PowerAnalysis;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A generated consortium analysed as the analytics service analyses it, in process: each group's SMCR of the
 * empathy total from BASELINE to POST over the members with both scores ({@link PairedMoments},
 * {@link EffectSizes#smcr}, the code path of the service's comparisons), groups with fewer than five pairs
 * suppressed as the minimum cell size does, and one model per planted effect, two-level ({@code rma}) or
 * multilevel ({@code rma.mv(random = ~ 1 | institution/group)}).
 *
 * <p><b>The planted value of an effect.</b> A group's true standardized change, given who in it was observed
 * and how many sessions each attended, is {@code theta_g = mean_i(doseShare_i) x designEffect_g / SD}
 * ({@link PlantedEffects}; the baseline SD within a group is {@link PlantedEffects#BASELINE_SD}): the
 * generator's mean change over the participants the analysis has, since the SMCR with its bias correction is
 * unbiased for it. An effect's planted value is what the model would estimate from these noise-free
 * {@code theta_g} with the fitted model's weights: {@code (X'WX)^-1 X'W theta}, {@code W = diag(1/(v_g +
 * tau^2))}. It contains everything the generator plants along the moderator, the dose that a design changes
 * as well as the design's own effect (smaller groups attend more, so their planted slope per member is steeper
 * than the 0.5 points of the design effect alone), and nothing of the outcome noise, so the estimate minus
 * it is sampling error alone.
 */
final class PlantedEffectsAnalysis {

    /** The analytics service's default minimum cell size: groups with fewer pairs are suppressed. */
    static final int MINIMUM_CELL_SIZE = 5;

    private PlantedEffectsAnalysis() {
    }

    /** One group's effect size, its noise-free truth and what it is compared by. */
    record Unit(String institution, String group, GroupDesign design, double yi, double vi, double truth,
                double meanDose, long n) {
    }

    /** The groups with an effect size, as the analytics service's rows. */
    static List<Unit> units(Consortium consortium) {
        Map<String, Map<Timepoint, Integer>> empathy = new HashMap<>();
        for (Consortium.Response r : consortium.responses()) {
            if (r.instrument().equals(ConsortiumGenerator.EMPATHY) && r.groupId() != null) {
                empathy.computeIfAbsent(r.participantId(), p -> new HashMap<>()).put(r.timepoint(), r.scores().get("total"));
            }
        }
        List<Unit> units = new ArrayList<>();
        for (Consortium.Group g : consortium.groups()) {
            Map<String, Integer> attended = new HashMap<>();
            g.sessions().forEach(s -> s.attendance().stream().filter(a -> a.status() == AttendanceStatus.PRESENT)
                    .forEach(a -> attended.merge(a.participantId(), 1, Integer::sum)));
            PairedMoments moments = new PairedMoments();
            double meanDose = g.members().stream().mapToInt(m -> attended.getOrDefault(m.participantId(), 0)).average()
                    .orElse(0);
            double plantedChange = 0;
            for (Consortium.Member m : g.members()) {
                Map<Timepoint, Integer> scores = empathy.get(m.participantId());
                if (scores != null && scores.containsKey(Timepoint.BASELINE) && scores.containsKey(Timepoint.POST)) {
                    moments.add(scores.get(Timepoint.BASELINE), scores.get(Timepoint.POST));
                    plantedChange += PlantedEffects.change(g.design(), g.sessions().size(), meanDose,
                            attended.getOrDefault(m.participantId(), 0));
                }
            }
            if (moments.count() < MINIMUM_CELL_SIZE) {
                continue;
            }
            EffectSize effect = EffectSizes.smcr(moments);
            if (!effect.isComputable()) {
                continue;
            }
            double truth = plantedChange / moments.count() / PlantedEffects.BASELINE_SD;
            units.add(new Unit(g.institutionId(), g.institutionId() + "/" + g.groupId(), g.design(), effect.yi(),
                    effect.vi(), truth, meanDose, moments.count()));
        }
        return units;
    }

    /**
     * A planted effect and the model that should find it.
     *
     * @param name      what docs/demo-data.md calls it
     * @param numeric   the moderator's value, for a slope; {@code null} for a categorical moderator
     * @param level     the moderator's level, for a categorical moderator
     * @param levels    its levels, the reference first
     * @param tested    the level whose difference to the reference is tested; {@code null} for a slope
     * @param sign      the planted direction: +1, -1, or 0 where nothing is planted
     */
    record Effect(String name, ToDoubleFunction<Unit> numeric, Function<Unit, String> level, List<String> levels,
                  String tested, int sign) {

        static Effect slope(String name, ToDoubleFunction<Unit> numeric, int sign) {
            return new Effect(name, numeric, null, null, null, sign);
        }

        static Effect contrast(String name, Function<Unit, String> level, List<String> levels, String tested, int sign) {
            return new Effect(name, null, level, levels, tested, sign);
        }

        int column() {
            return numeric != null ? 1 : levels.indexOf(tested);
        }

        double[][] design(List<Unit> units) {
            int p = numeric != null ? 2 : levels.size();
            double[][] x = new double[units.size()][p];
            for (int i = 0; i < units.size(); i++) {
                x[i][0] = 1;
                if (numeric != null) {
                    x[i][1] = numeric.applyAsDouble(units.get(i));
                } else {
                    int l = levels.indexOf(level.apply(units.get(i)));
                    if (l < 0) {
                        throw new IllegalStateException(name + ": unknown level " + level.apply(units.get(i)));
                    }
                    if (l > 0) {
                        x[i][l] = 1;
                    }
                }
            }
            return x;
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            names.add(MetaRegression.INTERCEPT);
            if (numeric != null) {
                names.add(name);
            } else {
                names.addAll(levels.subList(1, levels.size()));
            }
            return names;
        }
    }

    /**
     * One effect's estimate under one model.
     *
     * @param planted the planted value: the model's weights applied to the noise-free truths
     * @param power   the power of the test of the effect at its planted value with these units and tau^2
     *                (two-level only; {@code NaN} for the multilevel model and where nothing is planted)
     */
    record Finding(String effect, String model, int k, double estimate, double ciLower, double ciUpper, double planted,
                   double power) {

        boolean covers(double value) {
            return ciLower <= value && value <= ciUpper;
        }

        @Override
        public String toString() {
            return String.format("%-12s %-10s k=%4d estimate %8.4f [%8.4f, %8.4f] planted %8.4f power %.3f",
                    effect, model, k, estimate, ciLower, ciUpper, planted, power);
        }
    }

    static Finding twoLevel(Effect effect, List<Unit> units) {
        double[][] x = effect.design(units);
        double[] yi = units.stream().mapToDouble(Unit::yi).toArray();
        double[] vi = units.stream().mapToDouble(Unit::vi).toArray();
        MetaRegressionResult fit = MetaRegression.fit(yi, vi, x, effect.names(), ModelOptions.DEFAULTS);
        if (!fit.estimable()) {
            throw new IllegalStateException(effect.name() + ": " + fit.notes());
        }
        Coefficient c = fit.coefficients().get(effect.column());
        double planted = planted(x, vi, fit.tau2(), units, effect.column());
        double power = effect.sign() == 0 ? Double.NaN : power(effect, x, vi, fit.tau2(), units, planted);
        return new Finding(effect.name(), "two-level", units.size(), c.estimate(), c.ciLower(), c.ciUpper(), planted,
                power);
    }

    static Finding multilevel(Effect effect, List<Unit> units) {
        double[][] x = effect.design(units);
        double[] yi = units.stream().mapToDouble(Unit::yi).toArray();
        double[] vi = units.stream().mapToDouble(Unit::vi).toArray();
        MultilevelResult fit = MultilevelModel.fit(yi, vi, units.stream().map(Unit::institution).toList(),
                units.stream().map(Unit::group).toList(), x, effect.names(), ModelOptions.DEFAULTS);
        if (!fit.estimable()) {
            throw new IllegalStateException(effect.name() + ": " + fit.notes());
        }
        Coefficient c = fit.coefficients().get(effect.column());
        MetaRegressionResult twoLevel = MetaRegression.fit(yi, vi, x, effect.names(), ModelOptions.DEFAULTS);
        double planted = planted(x, vi, twoLevel.tau2(), units, effect.column());
        return new Finding(effect.name(), "multilevel", units.size(), c.estimate(), c.ciLower(), c.ciUpper(), planted,
                Double.NaN);
    }

    /**
     * The power the API's power answers give for the planted value: {@code /meta-regression/power} for a
     * slope, {@code /comparison/power} for a categorical moderator with the planted difference as the stated
     * one.
     */
    private static double power(Effect effect, double[][] x, double[] vi, double tau2, List<Unit> units, double planted) {
        if (effect.numeric() != null) {
            return PowerAnalysis.slope(x, vi, tau2, 1, planted, 0.05, 0.8).power();
        }
        List<double[]> variances = new ArrayList<>();
        for (String level : effect.levels()) {
            variances.add(units.stream().filter(u -> level.equals(effect.level().apply(u))).mapToDouble(Unit::vi).toArray());
        }
        return PowerAnalysis.comparison(effect.levels(), variances, tau2, planted, 0.05, 0.8).power();
    }

    /**
     * What the two-level estimator finds on average when only the outcome noise is drawn again: each group's
     * {@code y*_g = theta_g + e_g}, {@code e_g ~ N(0, v_g(theta_g))}, with metafor's SMCR variance evaluated
     * at the new estimate, {@code v*_g = 2(1 - r_g)/n_g + y*_g^2/(2 n_g)}, refitted {@code replications}
     * times. Because that variance grows with the estimate itself, a group whose noise pushed its effect up
     * weighs less; with the eight or so pairs of a Balint group this pulls pooled differences and slopes
     * towards zero by a tenth to a third, which the noise-free planted value does not contain.
     */
    static double expected(Effect effect, List<Unit> units, int replications, long seed) {
        double[][] x = effect.design(units);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double sum = 0;
        int fitted = 0;
        for (int r = 0; r < replications; r++) {
            double[] yi = new double[units.size()];
            double[] vi = new double[units.size()];
            for (int g = 0; g < units.size(); g++) {
                Unit u = units.get(g);
                double withoutEstimate = u.vi() - u.yi() * u.yi() / (2.0 * u.n());
                double atTruth = withoutEstimate + u.truth() * u.truth() / (2.0 * u.n());
                yi[g] = u.truth() + random.nextGaussian() * Math.sqrt(atTruth);
                vi[g] = withoutEstimate + yi[g] * yi[g] / (2.0 * u.n());
            }
            MetaRegressionResult fit = MetaRegression.fit(yi, vi, x, effect.names(), ModelOptions.DEFAULTS);
            if (fit.estimable()) {
                sum += fit.coefficients().get(effect.column()).estimate();
                fitted++;
            }
        }
        return sum / fitted;
    }

    /** {@code [(X'WX)^-1 X'W theta]_j}, W from the two-level fit's tau^2. */
    static double planted(double[][] x, double[] vi, double tau2, List<Unit> units, int column) {
        int p = x[0].length;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < x.length; i++) {
            double w = 1 / (vi[i] + tau2);
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += w * x[i][r] * x[i][c];
                }
                a[r][p] += w * x[i][r] * units.get(i).truth();
            }
        }
        // Gauss-Jordan on the small normal equations.
        for (int c = 0; c < p; c++) {
            int pivot = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < p; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= p; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        return a[column][p] / a[column][column];
    }
}
