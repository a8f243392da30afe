package org.balintobservatory.analytics.answer.comparison.reproduction;

import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.ModelFits;
import org.balintobservatory.analytics.answer.comparison.engine.Moderator;
import org.balintobservatory.analytics.answer.comparison.reproduction.ReproductionScript.Check;
import org.balintobservatory.analytics.answer.comparison.reproduction.ReproductionScript.Fit;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.multilevel.MultilevelModel;
import org.balintobservatory.metaanalysis.multilevel.MultilevelResult;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;
import org.balintobservatory.metaanalysis.robust.ClusterRobust;
import org.balintobservatory.metaanalysis.robust.RobustResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reproducibility bundle's R script carried out in Java: every fit the script makes is made again here
 * from the bundle's own {@code effect-sizes.csv}, read back as R's {@code read.csv} would read it, with the
 * engine's public models, and every number the script checks must come out within 1e-9. A script whose
 * subset, factor coding, moderators, estimator, test, step adjustment or robust call drifted from what the
 * service computes fails here.
 *
 * <p>The rows are schools nested in districts ({@code dat.konstantopoulos2011}; district as institution,
 * {@code facilitationStyle} = studies from 1985 on or before, {@code meanAttendance} = year), whose
 * multilevel fits metafor reproduces in the meta-analysis module's tests. The bundle of the default
 * query is written to {@code target/reproduction-bundle} so that it can be run with {@code Rscript reproduce.R}.
 */
class ReproductionScriptTest {

    private static final double TOLERANCE = 1e-9;
    /** The release every row names in its last two columns, which no model reads. */
    private static final ReleaseLabel RELEASE = new ReleaseLabel(false, "release-1",
            java.time.Instant.parse("2026-11-30T08:00:00Z"), Map.of("balint.group-events.v1-0", 42L));

    private static final List<ComparisonQuery> QUERIES = List.of(
            query("two-level", "REML", "z", "none"),
            query("two-level", "DL", "knha", "none"),
            query("two-level", "ML", "z", "cr2"),
            query("multilevel", "REML", "z", "none"),
            query("multilevel", "ML", "knha", "cr2"));

    @Test
    void everyComparisonNumberIsReproducedFromTheCsvByTheScriptsOwnCalls() {
        for (ComparisonQuery query : QUERIES) {
            ReproductionScript script = ReproductionBundle.comparison(rows(), query, Moderator.FACILITATION_STYLE);

            assertThat(script.checks()).as(query.toString()).hasSizeGreaterThan(20);
            replay(script, EffectSizeCsv.write(rows(), RELEASE));
        }
    }

    @Test
    void everyMetaRegressionNumberIsReproducedFromTheCsv() {
        List<Moderator> by = List.of(Moderator.MEAN_ATTENDANCE);
        for (ComparisonQuery query : QUERIES) {
            ReproductionScript script = ReproductionBundle.regression(rows(), ModelFits.design(rows(), by),
                    ModelFits.names(by), query);

            assertThat(script.checks()).as(query.toString()).hasSizeGreaterThan(8);
            replay(script, EffectSizeCsv.write(rows(), RELEASE));
        }
    }

    @Test
    void theScriptCallsMetaforAsTheFitsSay() throws IOException {
        ReproductionScript script = ReproductionBundle.comparison(rows(), QUERIES.get(4), Moderator.FACILITATION_STYLE);
        String r = script.render("the query");

        assertThat(r).contains("library(metafor)", "dat <- read.csv(\"effect-sizes.csv\"",
                "res1 <- rma.mv(yi, vi, random = ~ 1 | institution/unit, data = dat, method = \"ML\", test = \"t\")",
                "res1r <- robust(res1, cluster = institution, clubSandwich = TRUE)",
                "data = dat[!is.na(dat$facilitationStyle) & dat$facilitationStyle == \"early\", ]",
                "mods = ~ factor(facilitationStyle, levels = c(\"early\", \"late\"))",
                "check(\"overall.estimate\", res1$beta[1], ");
        for (Check check : script.checks()) {
            assertThat(r).contains(check.r());
        }
        Path out = Path.of("target", "reproduction-bundle");
        Files.createDirectories(out);
        Files.writeString(out.resolve("effect-sizes.csv"), EffectSizeCsv.write(rows(), RELEASE));
        Files.writeString(out.resolve("reproduce.R"), r);
    }

    @Test
    void aFitThatNeededAHalvedStepAsksMetaforForTheSame() {
        // The thirteen units of the meta-analysis module's StepHalvingTest, one institution each.
        double[] yi = {0.213, 0.418, 0.199, 0.472, 0.393, 0.341, 0.51, 0.507, 0.351, 0.509, 0.673, 0.371, -0.008};
        double[] vi = {0.0336, 0.0175, 0.00495, 0.0121, 0.0131, 0.0795, 0.0472, 0.0242, 0.017, 0.0143, 0.0784, 0.035,
                0.209};
        List<ComparisonEngine.Row> rows = new ArrayList<>();
        for (int i = 0; i < yi.length; i++) {
            rows.add(row("u" + i, "i" + i, yi[i], vi[i], 0, 1980));
        }
        ReproductionScript script = ReproductionBundle.comparison(rows, QUERIES.get(0), null);

        assertThat(script.render("q")).contains("control = list(stepadj = 0.50000000000000000)");
        replay(script, EffectSizeCsv.write(rows, RELEASE));
    }

    /** Carries out every fit of the script on the CSV and compares every check. */
    private static void replay(ReproductionScript script, String csv) {
        Map<String, List<String>> columns = readCsv(csv);
        for (Check check : script.checks()) {
            double value = evaluate(check, columns);
            assertThat(Math.abs(value - check.expected()))
                    .as(check.label() + " of " + check.fit())
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(check.expected())));
        }
    }

    private static double evaluate(Check check, Map<String, List<String>> columns) {
        Fit fit = check.fit();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < columns.get("yi").size(); i++) {
            String value = fit.subsetColumn() == null ? null : columns.get(fit.subsetColumn()).get(i);
            if (fit.subsetColumn() == null || (value != null && value.equals(fit.subsetLevel()))) {
                kept.add(i);
            }
        }
        double[] yi = numbers(columns.get("yi"), kept);
        double[] vi = numbers(columns.get("vi"), kept);
        List<String> institution = kept.stream().map(columns.get("institution")::get).toList();
        List<String> unit = kept.stream().map(columns.get("unit")::get).toList();
        List<String> names = new ArrayList<>(List.of(MetaRegression.INTERCEPT));
        double[][] x = new double[kept.size()][];
        for (int r = 0; r < kept.size(); r++) {
            List<Double> row = new ArrayList<>(List.of(1.0));
            if (fit.factor() != null) {
                String level = columns.get(fit.factor()).get(kept.get(r));
                for (String other : fit.factorLevels().subList(1, fit.factorLevels().size())) {
                    row.add(level.equals(other) ? 1.0 : 0.0);
                }
            }
            for (String covariate : fit.covariates()) {
                row.add(Double.parseDouble(columns.get(covariate).get(kept.get(r))));
            }
            x[r] = row.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (fit.factor() != null) {
            names.addAll(fit.factorLevels().subList(1, fit.factorLevels().size()));
        }
        names.addAll(fit.covariates());
        ModelOptions options = ModelOptions.of(fit.method(), fit.test());
        int j = check.index();
        if (check.statistic().name().startsWith("ROBUST")) {
            RobustResult robust = fit.multilevel()
                    ? ClusterRobust.multilevel(yi, vi, institution, unit, x, names, options)
                    : ClusterRobust.twoLevel(yi, vi, institution, x, names, options);
            return switch (check.statistic()) {
                case ROBUST_SE -> robust.coefficients().get(j).se();
                case ROBUST_DF -> robust.coefficients().get(j).df();
                case ROBUST_PVALUE -> robust.coefficients().get(j).pValue();
                case ROBUST_QM -> robust.qm();
                case ROBUST_QM_DF2 -> robust.qmDf2();
                default -> throw new IllegalStateException(check.statistic().name());
            };
        }
        if (fit.multilevel()) {
            MultilevelResult m = MultilevelModel.fit(yi, vi, institution, unit, x, names, options);
            Double coefficient = coefficient(m.coefficients(), j, names.size() == 1 ? m.predict() : null,
                    check.statistic());
            if (coefficient != null) {
                return coefficient;
            }
            return switch (check.statistic()) {
                case I2 -> j == 0 ? m.i2() : m.components().get(j - 1).i2();
                case Q -> m.qe();
                case QM -> m.qm();
                case QM_PVALUE -> m.qmPValue();
                case SIGMA2 -> m.components().get(j).sigma2();
                default -> throw new IllegalStateException(check.statistic().name());
            };
        }
        MetaRegressionResult m = MetaRegression.fit(yi, vi, x, names, options);
        assertThat(Double.isNaN(fit.stepAdjustment()) ? 1.0 : fit.stepAdjustment())
                .as("the step the script asks for").isEqualTo(m.stepAdjustment() >= 0 ? m.stepAdjustment() : 1.0);
        Double coefficient = coefficient(m.coefficients(), j, names.size() == 1 ? m.predict() : null,
                check.statistic());
        if (coefficient != null) {
            return coefficient;
        }
        return switch (check.statistic()) {
            case TAU2 -> m.tau2();
            case I2 -> m.i2();
            case Q -> m.qe();
            case QM -> m.qm();
            case QM_PVALUE -> m.qmPValue();
            default -> throw new IllegalStateException(check.statistic().name());
        };
    }

    /** A coefficient's statistic, or {@code null} for a statistic of the whole model. */
    private static Double coefficient(List<Coefficient> coefficients, int j, Prediction prediction,
                                      ReproductionScript.Statistic statistic) {
        return switch (statistic) {
            case BETA -> coefficients.get(j).estimate();
            case SE -> coefficients.get(j).se();
            case STATISTIC -> coefficients.get(j).statistic();
            case PVALUE -> coefficients.get(j).pValue();
            case CI_LOWER -> coefficients.get(j).ciLower();
            case CI_UPPER -> coefficients.get(j).ciUpper();
            case PI_LOWER -> prediction.predictionLower();
            case PI_UPPER -> prediction.predictionUpper();
            default -> null;
        };
    }

    private static double[] numbers(List<String> column, List<Integer> kept) {
        return kept.stream().mapToDouble(i -> Double.parseDouble(column.get(i))).toArray();
    }

    /** Columns by header name; quoted text unquoted, {@code NA} as {@code null}, as R's read.csv reads them. */
    private static Map<String, List<String>> readCsv(String csv) {
        String[] lines = csv.split("\n");
        List<String> header = fields(lines[0]);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        header.forEach(h -> columns.put(h, new ArrayList<>()));
        for (int l = 1; l < lines.length; l++) {
            List<String> values = fields(lines[l]);
            for (int c = 0; c < header.size(); c++) {
                columns.get(header.get(c)).add(values.get(c));
            }
        }
        return columns;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                out.add(!wasQuoted && field.toString().equals("NA") ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(ch);
            }
        }
        out.add(!wasQuoted && field.toString().equals("NA") ? null : field.toString());
        return out;
    }

    private static ComparisonQuery query(String model, String method, String test, String robust) {
        return ComparisonQuery.parse("jse-style", "total", "BASELINE", "POST", "group", "SMCR", method, test, null,
                null, null, null, null, null, model, robust);
    }

    /** dat.konstantopoulos2011: district, school, year, yi, vi. */
    private static List<ComparisonEngine.Row> rows() {
        List<ComparisonEngine.Row> rows = new ArrayList<>();
        for (double[] d : KONSTANTOPOULOS) {
            rows.add(row((int) d[0] + "/" + (int) d[1], String.valueOf((int) d[0]), d[3], d[4], 0, d[2]));
        }
        return rows;
    }

    private static ComparisonEngine.Row row(String unit, String institution, double yi, double vi, long n,
                                            double year) {
        Map<String, Object> moderators = new LinkedHashMap<>();
        for (Moderator m : Moderator.values()) {
            moderators.put(m.parameter(), null);
        }
        moderators.put(Moderator.FACILITATION_STYLE.parameter(), year >= 1985 ? "late" : "early");
        moderators.put(Moderator.MEAN_ATTENDANCE.parameter(), year);
        return new ComparisonEngine.Row(unit, institution, yi, vi, n, Double.NaN, Double.NaN, moderators, null, null);
    }

    private static final double[][] KONSTANTOPOULOS = {
            {11, 1, 1976, -0.18, 0.118}, {11, 2, 1976, -0.22, 0.118}, {11, 3, 1976, 0.23, 0.144},
            {11, 4, 1976, -0.3, 0.144}, {12, 1, 1989, 0.13, 0.014}, {12, 2, 1989, -0.26, 0.014},
            {12, 3, 1989, 0.19, 0.015}, {12, 4, 1989, 0.32, 0.024}, {18, 1, 1994, 0.45, 0.023},
            {18, 2, 1994, 0.38, 0.043}, {18, 3, 1994, 0.29, 0.012}, {27, 1, 1976, 0.16, 0.02},
            {27, 2, 1976, 0.65, 0.004}, {27, 3, 1976, 0.36, 0.004}, {27, 4, 1976, 0.6, 0.007},
            {56, 1, 1997, 0.08, 0.019}, {56, 2, 1997, 0.04, 0.007}, {56, 3, 1997, 0.19, 0.005},
            {56, 4, 1997, -0.06, 0.004}, {58, 1, 1976, -0.18, 0.02}, {58, 2, 1976, 0, 0.018},
            {58, 3, 1976, 0, 0.019}, {58, 4, 1976, -0.28, 0.022}, {58, 5, 1976, -0.04, 0.02},
            {58, 6, 1976, -0.3, 0.021}, {58, 7, 1976, 0.07, 0.006}, {58, 8, 1976, 0, 0.007},
            {58, 9, 1976, 0.05, 0.007}, {58, 10, 1976, -0.08, 0.007}, {58, 11, 1976, -0.09, 0.007},
            {71, 1, 1997, 0.3, 0.015}, {71, 2, 1997, 0.98, 0.011}, {71, 3, 1997, 1.19, 0.01},
            {86, 1, 1997, -0.07, 0.001}, {86, 2, 1997, -0.05, 0.001}, {86, 3, 1997, -0.01, 0.001},
            {86, 4, 1997, 0.02, 0.001}, {86, 5, 1997, -0.03, 0.001}, {86, 6, 1997, 0, 0.001},
            {86, 7, 1997, 0.01, 0.001}, {86, 8, 1997, -0.1, 0.001}, {91, 1, 2000, 0.5, 0.01},
            {91, 2, 2000, 0.66, 0.011}, {91, 3, 2000, 0.2, 0.01}, {91, 4, 2000, 0, 0.009},
            {91, 5, 2000, 0.05, 0.013}, {91, 6, 2000, 0.07, 0.013}, {108, 1, 2000, -0.52, 0.031},
            {108, 2, 2000, 0.7, 0.031}, {108, 3, 2000, -0.03, 0.03}, {108, 4, 2000, 0.27, 0.03},
            {108, 5, 2000, -0.34, 0.03}, {644, 1, 1995, 0.12, 0.087}, {644, 2, 1995, 0.61, 0.082},
            {644, 3, 1994, 0.04, 0.067}, {644, 4, 1994, -0.05, 0.067},
    };
}
