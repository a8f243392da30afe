package org.balintobservatory.analytics.answer.comparison.engine;

import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.multilevel.MultilevelModel;
import org.balintobservatory.metaanalysis.multilevel.MultilevelResult;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;
import org.balintobservatory.metaanalysis.robust.ClusterRobust;
import org.balintobservatory.metaanalysis.robust.RobustResult;

import java.util.ArrayList;
import java.util.List;


/**
 * Fits the model a query chose to a set of rows: the two-level {@code rma} or the multilevel
 * {@code rma.mv(random = ~ 1 | institution/unit)}, with CR2 tests by institution when asked
 * ({@code robust(res, cluster = institution, clubSandwich = TRUE)}). The unit is the group and the
 * cluster its institution.
 */
public final class ModelFits {

    static final String MULTILEVEL_NOTE = "Multilevel model: the between-unit variance is split into the"
            + " institution and group components; tau2 and H2 belong to the two-level model and are null here.";

    private ModelFits() {
    }

    /** One model's summary, with its components (multilevel) and CR2 test (robust). */
    public static Pooled pooled(List<ComparisonEngine.Row> rows, ComparisonQuery query) {
        double[] yi = yi(rows);
        double[] vi = vi(rows);
        ModelOptions options = query.options();
        double[][] x = intercept(rows.size());
        RobustTest robust = null;
        if (query.robust()) {
            RobustResult r = query.model() == ModelChoice.MULTILEVEL
                    ? ClusterRobust.multilevel(yi, vi, institutions(rows), units(rows), x, List.of("intrcpt"), options)
                    : ClusterRobust.twoLevel(yi, vi, institutions(rows), x, List.of("intrcpt"), options);
            robust = RobustTest.of(r, r.coefficients().get(0));
        }
        if (query.model() == ModelChoice.TWO_LEVEL) {
            RandomEffectsResult fit = RandomEffectsModel.fit(yi, vi, options);
            return Pooled.of(fit, null, robust);
        }
        MultilevelResult fit = MultilevelModel.fit(yi, vi, institutions(rows), units(rows), options);
        Coefficient b = fit.coefficients().get(0);
        Prediction prediction = fit.predict();
        List<String> notes = new ArrayList<>(fit.notes());
        notes.add(MULTILEVEL_NOTE);
        return new Pooled(fit.k(), number(b.estimate()), number(b.se()), number(b.statistic()),
                number(b.pValue()), number(b.ciLower()), number(b.ciUpper()), number(prediction.predictionLower()),
                number(prediction.predictionUpper()), null, number(fit.i2()), null, number(fit.qe()), fit.qeDf(),
                number(fit.qePValue()), null, notes, components(fit), robust);
    }

    /** The test of a categorical moderator: dummy coding with the first level as reference. */
    public static ModeratorTest moderatorTest(List<ComparisonEngine.Row> rows, List<String> labels,
                                                             List<String> levels, ComparisonQuery query) {
        Regression fit = moderatorRegression(rows, labels, levels, query);
        return new ModeratorTest(fit.qm, fit.qmDf, fit.qmPValue, fit.qe, fit.qeDf, fit.qePValue,
                fit.qmDf2, fit.robustTest, fit.notes.isEmpty() ? null : fit.notes);
    }

    /** {@code mods = ~ factor(m, levels)}: the model behind the moderator test. */
    public static Regression moderatorRegression(List<ComparisonEngine.Row> rows, List<String> labels, List<String> levels,
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
    public record Regression(List<CoefficientRow> coefficients, Double qm, int qmDf, Double qmDf2,
                      Double qmPValue, Double qe, int qeDf, Double qePValue, Double tau2, Double i2, Double r2,
                      List<Component> components, RobustTest robustTest,
                      boolean estimable, java.util.function.DoubleFunction<Prediction> predict, List<String> notes,
                      Double stepAdjustment) {
    }

    public static Regression regression(List<ComparisonEngine.Row> rows, double[][] x, List<String> names,
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
        RobustTest robustTest = robust == null ? null : new RobustTest(
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

    private static List<CoefficientRow> coefficients(List<Coefficient> coefficients,
                                                                         RobustResult robust) {
        List<CoefficientRow> out = new ArrayList<>();
        for (int j = 0; j < coefficients.size(); j++) {
            Coefficient c = coefficients.get(j);
            RobustTest r = robust == null ? null
                    : RobustTest.of(robust, robust.coefficients().get(j));
            out.add(new CoefficientRow(c.name(), number(c.estimate()), number(c.se()),
                    number(c.statistic()), number(c.pValue()), number(c.ciLower()), number(c.ciUpper()), r));
        }
        return out;
    }

    static List<Component> components(MultilevelResult fit) {
        return fit.components().stream().map(c -> new Component(
                c.factor().replace("group", "unit"), c.levels(), number(c.sigma2()), number(c.i2()))).toList();
    }

    static double[][] intercept(int k) {
        double[][] x = new double[k][];
        for (int i = 0; i < k; i++) {
            x[i] = new double[] {1.0};
        }
        return x;
    }

    public static List<String> institutions(List<ComparisonEngine.Row> rows) {
        return rows.stream().map(ComparisonEngine.Row::institutionId).toList();
    }

    static List<String> units(List<ComparisonEngine.Row> rows) {
        return rows.stream().map(ComparisonEngine.Row::unitId).toList();
    }

    public static double[] yi(List<ComparisonEngine.Row> rows) {
        return rows.stream().mapToDouble(ComparisonEngine.Row::yi).toArray();
    }

    public static double[] vi(List<ComparisonEngine.Row> rows) {
        return rows.stream().mapToDouble(ComparisonEngine.Row::vi).toArray();
    }

    /** The design matrix of a meta-regression: an intercept, then each moderator's value per row. */
    public static double[][] design(List<ComparisonEngine.Row> rows, List<Moderator> by) {
        double[][] x = new double[rows.size()][by.size() + 1];
        for (int i = 0; i < rows.size(); i++) {
            x[i][0] = 1;
            for (int j = 0; j < by.size(); j++) {
                x[i][j + 1] = ((Number) rows.get(i).moderators().get(by.get(j).parameter())).doubleValue();
            }
        }
        return x;
    }

    /** The coefficient names of a meta-regression: metafor's intercept, then the moderators. */
    public static List<String> names(List<Moderator> by) {
        List<String> names = new ArrayList<>();
        names.add(MetaRegression.INTERCEPT);
        by.forEach(m -> names.add(m.parameter()));
        return names;
    }

    /**
     * The fitted line of a one-moderator regression with its confidence band: 50 points across the observed
     * range (one when every row has the same value).
     */
    public static List<FittedPoint> fittedLine(Regression model, List<ComparisonEngine.Row> rows, Moderator by) {
        double min = rows.stream().mapToDouble(r -> ((Number) r.moderators().get(by.parameter())).doubleValue()).min().orElseThrow();
        double max = rows.stream().mapToDouble(r -> ((Number) r.moderators().get(by.parameter())).doubleValue()).max().orElseThrow();
        List<FittedPoint> line = new ArrayList<>();
        int points = min == max ? 1 : 50;
        for (int i = 0; i < points; i++) {
            double x = points == 1 ? min : min + (max - min) * i / (points - 1);
            Prediction p = model.predict().apply(x);
            line.add(new FittedPoint(x, number(p.estimate()), number(p.ciLower()), number(p.ciUpper())));
        }
        return line;
    }

    /** JSON has no NaN: an undefined statistic is {@code null}. */
    public static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
