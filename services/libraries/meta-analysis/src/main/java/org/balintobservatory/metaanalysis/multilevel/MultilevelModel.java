package org.balintobservatory.metaanalysis.multilevel;

import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ExcludedStudy;
import org.balintobservatory.metaanalysis.model.MixedEffectsEngine;
import org.balintobservatory.metaanalysis.model.ModelFit;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.StudyFilter;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.model.WeightedFit;
import org.balintobservatory.metaanalysis.numerics.Distributions;
import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;
import org.balintobservatory.metaanalysis.regression.MetaRegression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Random- and mixed-effects models for studies (groups) nested in clusters (institutions), as
 * metafor's {@code rma.mv(yi, vi, mods = ~ ..., random = ~ 1 | institution/group, method)}
 * (Konstantopoulos, 2011, Res Synth Methods 2(1); Viechtbauer, 2010, J Stat Softw 36(3)).
 *
 * <p>Groups of one institution share its effect, so they are not independent; the model splits the
 * between-study variance into {@code sigma_1^2} between institutions and {@code sigma_2^2} between
 * groups of one institution:
 * <pre>
 *   y_ij = x_ij'beta + u_i + u_ij + e_ij,  u_i ~ N(0, sigma_1^2), u_ij ~ N(0, sigma_2^2), e_ij ~ N(0, v_ij)
 *   b     = (X'V^-1X)^-1 X'V^-1 y,  Var(b) = (X'V^-1X)^-1
 *   QM    = b_m' Var(b_m)^-1 b_m on the non-intercept coefficients (chi-square(m); QM/m ~ F(m, k-p) under t)
 *   Q_E   = y'P_FE y with weights 1/v_i, df k - p
 *   I^2_l = 100 sigma_l^2 / (sum sigma^2 + s^2),  s^2 = (k - p) / tr(P_FE)   (Cheung, 2014)
 * </pre>
 * The variance components are fitted by {@link MultilevelEngine} (REML or ML).
 */
public final class MultilevelModel {

    /** metafor's name of the outer level in {@code random = ~ 1 | institution/group}. */
    public static final String OUTER = "institution";

    /** metafor's name of the inner level. */
    public static final String INNER = "institution/group";

    private MultilevelModel() {
    }

    /**
     * The model without moderators, {@code rma.mv(yi, vi, random = ~ 1 | institution/group)}.
     *
     * @param yi          effect sizes
     * @param vi          sampling variances
     * @param institution the cluster of each study
     * @param group       the group of each study within its cluster
     * @param options     REML or ML, test and level
     * @return the fit
     */
    public static MultilevelResult fit(double[] yi, double[] vi, List<String> institution, List<String> group,
                                       ModelOptions options) {
        double[][] x = new double[yi.length][];
        for (int i = 0; i < yi.length; i++) {
            x[i] = new double[] {1.0};
        }
        return fit(yi, vi, institution, group, x, List.of(MetaRegression.INTERCEPT), options);
    }

    /**
     * The mixed-effects model {@code rma.mv(yi, vi, mods = X, random = ~ 1 | institution/group)}.
     * Studies with a non-finite effect, a non-positive variance, a non-finite moderator or no
     * institution or group label are excluded with the reason.
     *
     * @param x       design matrix, intercept column first
     * @param names   one name per column
     * @return the fit; not estimable, with the reason in its notes, when the data cannot support it
     * @throws IllegalArgumentException if lengths differ or the method is neither REML nor ML
     */
    public static MultilevelResult fit(double[] yi, double[] vi, List<String> institution, List<String> group,
                                       double[][] x, List<String> names, ModelOptions options) {
        RandomEffectsModel.requireSameLength(yi, vi);
        Objects.requireNonNull(options, "options");
        if (options.method() != EstimationMethod.REML && options.method() != EstimationMethod.ML) {
            throw new IllegalArgumentException("the multilevel model is fitted by REML or ML, not " + options.method());
        }
        if (institution.size() != yi.length || group.size() != yi.length || x.length != yi.length) {
            throw new IllegalArgumentException("institution, group and design need one entry per study");
        }
        String[] reasons = new String[yi.length];
        for (int i = 0; i < yi.length; i++) {
            if (institution.get(i) == null || group.get(i) == null) {
                reasons[i] = "institution or group label is missing";
            }
        }
        StudyFilter.Included included = StudyFilter.filter(yi, vi, x, reasons);
        int k = included.y().length;
        String[] clusters = new String[k];
        String[] groups = new String[k];
        for (int j = 0; j < k; j++) {
            clusters[j] = institution.get(included.indices()[j]);
            // A group is known by its institution and its own label, as metafor's institution/group.
            groups[j] = clusters[j] + "\u0000" + group.get(included.indices()[j]);
        }
        List<String> notes = new ArrayList<>(StudyFilter.exclusionNotes(included.excluded(), yi.length));
        return fit(included, clusters, groups, names, options, notes);
    }

    private static MultilevelResult fit(StudyFilter.Included included, String[] clusters, String[] groups,
                                        List<String> names, ModelOptions options, List<String> notes) {
        int k = included.y().length;
        int p = names.size();
        TestType test = options.test();
        ModelFit fit = new ModelFit(k, p, options.method(), test, options.level());
        fit.notes.addAll(notes);
        if (test == TestType.KNHA) {
            fit.notes.add("Multilevel models are tested as metafor's rma.mv(test = \"t\"): t(k - p) and F(m, k - p),"
                    + " without the Knapp-Hartung rescaling of the two-level model.");
        }
        long distinctClusters = java.util.Arrays.stream(clusters).distinct().count();
        String reason = null;
        if (k < p + 2) {
            reason = k + " studies cannot estimate " + p + " coefficient(s) and two variance components; at least "
                    + (p + 2) + " are needed.";
        } else if (distinctClusters < 2) {
            reason = "All studies come from " + (distinctClusters == 0 ? "no" : "one") + " institution: the"
                    + " variance between institutions cannot be told apart from the variance between groups;"
                    + " use the two-level model.";
        } else {
            double[] ones = new double[k];
            java.util.Arrays.fill(ones, 1.0);
            if (LinearAlgebra.inverseCrossProduct(included.x(), ones) == null) {
                reason = "The design matrix is rank deficient (a moderator is constant or collinear with the others"
                        + " among the included studies); its coefficients are not identifiable.";
            }
        }
        if (reason != null) {
            return result(fit.notEstimable(reason), names, List.of(), Double.NaN, Double.NaN, included.excluded(),
                    clusters, groups);
        }
        double[] y = included.y();
        double[] v = included.v();
        double[][] x = included.x();
        WeightedFit fixed = WeightedFit.of(x, MixedEffectsEngine.inverse(v, 0), y);
        // Start from the two-level DerSimonian-Laird tau^2, shared between the levels.
        double dl = fixed == null ? 0 : Math.max(0, (fixed.rss - (k - p)) / fixed.traceP);
        MultilevelEngine.Fit converged = MultilevelEngine.fit(y, v, x, clusters, groups,
                options.method() == EstimationMethod.ML, Math.max(dl / 2, 0.01));
        if (converged == null || fixed == null) {
            return result(fit.notEstimable("Fisher scoring for the variance components did not converge within "
                    + MultilevelEngine.MAX_ITERATIONS + " iterations; the two-level model may still be fitted."),
                    names, List.of(), Double.NaN, Double.NaN, included.excluded(), clusters, groups);
        }
        MultilevelEngine.State state = converged.state();
        double[] sigma2 = converged.sigma2();
        fit.covariance = state.covariance();
        if (test == TestType.KNHA) {
            fit.df = k - p;
            fit.critical = Distributions.tCritical(fit.alpha(), fit.df);
        } else {
            fit.critical = Distributions.normalCritical(fit.alpha());
        }
        for (int j = 0; j < p; j++) {
            double b = state.beta()[j];
            double se = Math.sqrt(fit.covariance[j][j]);
            fit.beta[j] = b;
            fit.se[j] = se;
            fit.statistic[j] = b / se;
            fit.pValue[j] = test == TestType.KNHA ? Distributions.twoSidedT(b / se, fit.df)
                    : Distributions.twoSidedNormal(b / se);
            fit.ciLower[j] = b - fit.critical * se;
            fit.ciUpper[j] = b + fit.critical * se;
        }
        MixedEffectsEngine.testModerators(fit);
        fit.qe = Math.max(0, fixed.rss);
        fit.qePValue = Distributions.chiSquaredUpper(fit.qe, k - p);
        double typical = (k - p) / fixed.traceP;
        double total = sigma2[0] + sigma2[1];
        List<VarianceComponent> components;
        if (converged.engine().groups == converged.engine().clusters) {
            // Every institution has one group: u_i and u_ij always add up, only their sum enters the
            // likelihood, and any split of it fits equally well (metafor returns one that depends on
            // its starting values).
            fit.notes.add("No institution has more than one group here, so the institution and group variances"
                    + " cannot be told apart: only their sum (" + total + ") is estimable, and the model equals"
                    + " the two-level model with that tau^2.");
            components = List.of(new VarianceComponent(OUTER, converged.engine().clusters, Double.NaN, Double.NaN),
                    new VarianceComponent(INNER, converged.engine().groups, Double.NaN, Double.NaN));
        } else {
            components = List.of(
                    new VarianceComponent(OUTER, converged.engine().clusters, sigma2[0], 100 * sigma2[0] / (total + typical)),
                    new VarianceComponent(INNER, converged.engine().groups, sigma2[1], 100 * sigma2[1] / (total + typical)));
            for (VarianceComponent component : components) {
                if (component.sigma2() == 0) {
                    fit.notes.add("The variance at the " + component.factor() + " level is estimated at its boundary 0"
                            + " (metafor reports a value near 0 there).");
                }
            }
        }
        fit.i2 = 100 * total / (total + typical);
        fit.estimable = true;
        return result(fit, names, components, total, state.logLik(), included.excluded(), clusters, groups);
    }

    private static MultilevelResult result(ModelFit fit, List<String> names, List<VarianceComponent> components,
                                           double sigma2Total, double logLik, List<ExcludedStudy> excluded,
                                           String[] clusters, String[] groups) {
        List<Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < fit.p; j++) {
            coefficients.add(new Coefficient(names.get(j), fit.beta[j], fit.se[j], fit.statistic[j], fit.pValue[j],
                    fit.ciLower[j], fit.ciUpper[j]));
        }
        if (!fit.estimable) {
            int clusterCount = (int) java.util.Arrays.stream(clusters).distinct().count();
            int groupCount = (int) java.util.Arrays.stream(groups).distinct().count();
            components = List.of(new VarianceComponent(OUTER, clusterCount, Double.NaN, Double.NaN),
                    new VarianceComponent(INNER, groupCount, Double.NaN, Double.NaN));
        }
        return new MultilevelResult(fit.estimable, fit.k, fit.p, fit.method, fit.test, fit.level, coefficients,
                fit.df, fit.qm, fit.qmDf1, fit.qmDf2, fit.qmPValue, fit.qe, fit.qeDf, fit.qePValue, components,
                sigma2Total, fit.i2, logLik, fit.covariance, excluded, fit.notes);
    }
}
