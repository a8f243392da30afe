package org.balintobservatory.analytics.comparison;

import org.balintobservatory.metaanalysis.model.ClusterRobust;
import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.MetaRegression;
import org.balintobservatory.metaanalysis.model.MetaRegressionResult;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.MultilevelModel;
import org.balintobservatory.metaanalysis.model.MultilevelResult;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.model.RandomEffectsModel;
import org.balintobservatory.metaanalysis.model.RandomEffectsResult;
import org.balintobservatory.metaanalysis.model.RobustCoefficient;
import org.balintobservatory.metaanalysis.model.RobustResult;

import java.util.ArrayList;
import java.util.List;

import static org.balintobservatory.analytics.comparison.ComparisonController.number;

/**
 * Fits the model a query chose to a set of rows: the two-level {@code rma} or the multilevel
 * {@code rma.mv(random = ~ 1 | institution/unit)}, with CR2 tests by institution when asked
 * ({@code robust(res, cluster = institution, clubSandwich = TRUE)}). The unit is the group and the
 * cluster its institution.
 */
final class ModelFits {

    static final String MULTILEVEL_NOTE = "Multilevel model: the between-unit variance is split into the"
            + " institution and group components; tau2 and H2 belong to the two-level model and are null here.";

    private ModelFits() {
    }

    /** One model's summary, with its components (multilevel) and CR2 test (robust). */
    static ComparisonController.Pooled pooled(List<ComparisonEngine.Row> rows, ComparisonQuery query) {
        double[] yi = yi(rows);
        double[] vi = vi(rows);
        ModelOptions options = query.options();
        double[][] x = intercept(rows.size());
        ComparisonController.RobustTest robust = null;
        if (query.robust()) {
            RobustResult r = query.model() == ModelChoice.MULTILEVEL
                    ? ClusterRobust.multilevel(yi, vi, institutions(rows), units(rows), x, List.of("intrcpt"), options)
                    : ClusterRobust.twoLevel(yi, vi, institutions(rows), x, List.of("intrcpt"), options);
            robust = ComparisonController.RobustTest.of(r, r.coefficients().get(0));
        }
        if (query.model() == ModelChoice.TWO_LEVEL) {
            RandomEffectsResult fit = RandomEffectsModel.fit(yi, vi, options);
            return ComparisonController.Pooled.of(fit, null, robust);
        }
        MultilevelResult fit = MultilevelModel.fit(yi, vi, institutions(rows), units(rows), options);
        Coefficient b = fit.coefficients().get(0);
        Prediction prediction = fit.predict();
        List<String> notes = new ArrayList<>(fit.notes());
        notes.add(MULTILEVEL_NOTE);
        return new ComparisonController.Pooled(fit.k(), number(b.estimate()), number(b.se()), number(b.statistic()),
                number(b.pValue()), number(b.ciLower()), number(b.ciUpper()), number(prediction.predictionLower()),
                number(prediction.predictionUpper()), null, number(fit.i2()), null, number(fit.qe()), fit.qeDf(),
                number(fit.qePValue()), null, notes, components(fit), robust);
    }

    /** The test of a categorical moderator: dummy coding with the first level as reference. */
    static ComparisonController.ModeratorTest moderatorTest(List<ComparisonEngine.Row> rows, List<String> labels,
                                                             List<String> levels, ComparisonQuery query) {
        Regression fit = moderatorRegression(rows, labels, levels, query);
        return new ComparisonController.ModeratorTest(fit.qm, fit.qmDf, fit.qmPValue, fit.qe, fit.qeDf, fit.qePValue,
                fit.qmDf2, fit.robustTest, fit.notes.isEmpty() ? null : fit.notes);
    }

    /** {@code mods = ~ factor(m, levels)}: the model behind the moderator test. */
    static Regression moderatorRegression(List<ComparisonEngine.Row> rows, List<String> labels, List<String> levels,
                                          ComparisonQuery query) {
        double[][] x = new double[rows.size()][levels.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i][0] = 1;
            int level = levels.indexOf(labels.get(i));
            if (level > 0) {
                x[i][level] = 1;
            }
        }
        List<String> names = new ArrayList<>();
        names.add(MetaRegression.INTERCEPT);
        names.addAll(levels.subList(1, levels.size()));
        return regression(rows, x, names, query);
    }

    /**
     * A meta-regression under the chosen model.
     *
     * @param components multilevel variance components, {@code null} for the two-level model
     * @param predict    the fitted average effect at a moderator value (one-moderator regressions)
     * @param stepAdjustment metafor's {@code control$stepadj} the two-level REML fit converged with
     */
    record Regression(List<ComparisonController.CoefficientRow> coefficients, Double qm, int qmDf, Double qmDf2,
                      Double qmPValue, Double qe, int qeDf, Double qePValue, Double tau2, Double i2, Double r2,
                      List<ComparisonController.Component> components, ComparisonController.RobustTest robustTest,
                      boolean estimable, java.util.function.DoubleFunction<Prediction> predict, List<String> notes,
                      Double stepAdjustment) {
    }

    static Regression regression(List<ComparisonEngine.Row> rows, double[][] x, List<String> names,
                                 ComparisonQuery query) {
        double[] yi = yi(rows);
        double[] vi = vi(rows);
        ModelOptions options = query.options();
        RobustResult robust = null;
        if (query.robust()) {
            robust = query.model() == ModelChoice.MULTILEVEL
                    ? ClusterRobust.multilevel(yi, vi, institutions(rows), units(rows), x, names, options)
                    : ClusterRobust.twoLevel(yi, vi, institutions(rows), x, names, options);
        }
        List<String> notes = new ArrayList<>();
        if (robust != null && !robust.estimable()) {
            notes.addAll(robust.notes());
        }
        ComparisonController.RobustTest robustTest = robust == null ? null : new ComparisonController.RobustTest(
                null, number(robust.qm()), number(robust.qmDf1()), number(robust.qmDf2()), number(robust.qmPValue()),
                null, null, robust.clusters());
        if (query.model() == ModelChoice.TWO_LEVEL) {
            MetaRegressionResult fit = MetaRegression.fit(yi, vi, x, names, options);
            notes.addAll(0, fit.notes());
            return new Regression(coefficients(fit.coefficients(), robust), number(fit.qm()), fit.qmDf1(),
                    number(fit.qmDf2()), number(fit.qmPValue()), number(fit.qe()), fit.qeDf(), number(fit.qePValue()),
                    number(fit.tau2()), number(fit.i2()), number(fit.r2()), null, robustTest, fit.estimable(),
                    value -> fit.predict(value), notes, number(fit.stepAdjustment()));
        }
        MultilevelResult fit = MultilevelModel.fit(yi, vi, institutions(rows), units(rows), x, names, options);
        notes.addAll(0, fit.notes());
        notes.add(MULTILEVEL_NOTE.replace("tau2 and H2", "tau2 and R2"));
        return new Regression(coefficients(fit.coefficients(), robust), number(fit.qm()), fit.qmDf1(),
                number(fit.qmDf2()), number(fit.qmPValue()), number(fit.qe()), fit.qeDf(), number(fit.qePValue()),
                null, number(fit.i2()), null, components(fit), robustTest, fit.estimable(),
                value -> fit.predict(value), notes, null);
    }

    private static List<ComparisonController.CoefficientRow> coefficients(List<Coefficient> coefficients,
                                                                         RobustResult robust) {
        List<ComparisonController.CoefficientRow> out = new ArrayList<>();
        for (int j = 0; j < coefficients.size(); j++) {
            Coefficient c = coefficients.get(j);
            ComparisonController.RobustTest r = robust == null ? null
                    : ComparisonController.RobustTest.of(robust, robust.coefficients().get(j));
            out.add(new ComparisonController.CoefficientRow(c.name(), number(c.estimate()), number(c.se()),
                    number(c.statistic()), number(c.pValue()), number(c.ciLower()), number(c.ciUpper()), r));
        }
        return out;
    }

    static List<ComparisonController.Component> components(MultilevelResult fit) {
        return fit.components().stream().map(c -> new ComparisonController.Component(
                c.factor().replace("group", "unit"), c.levels(), number(c.sigma2()), number(c.i2()))).toList();
    }

    static double[][] intercept(int k) {
        double[][] x = new double[k][];
        for (int i = 0; i < k; i++) {
            x[i] = new double[] {1.0};
        }
        return x;
    }

    static List<String> institutions(List<ComparisonEngine.Row> rows) {
        return rows.stream().map(ComparisonEngine.Row::institutionId).toList();
    }

    static List<String> units(List<ComparisonEngine.Row> rows) {
        return rows.stream().map(ComparisonEngine.Row::unitId).toList();
    }

    static double[] yi(List<ComparisonEngine.Row> rows) {
        return rows.stream().mapToDouble(ComparisonEngine.Row::yi).toArray();
    }

    static double[] vi(List<ComparisonEngine.Row> rows) {
        return rows.stream().mapToDouble(ComparisonEngine.Row::vi).toArray();
    }
}
