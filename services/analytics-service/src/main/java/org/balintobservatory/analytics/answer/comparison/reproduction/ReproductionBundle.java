package org.balintobservatory.analytics.answer.comparison.reproduction;

import org.balintobservatory.analytics.answer.comparison.engine.CoefficientRow;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.Component;
import org.balintobservatory.analytics.answer.comparison.engine.ModelChoice;
import org.balintobservatory.analytics.answer.comparison.engine.ModelFits;
import org.balintobservatory.analytics.answer.comparison.engine.Moderator;
import org.balintobservatory.analytics.answer.comparison.engine.Pooled;
import org.balintobservatory.analytics.answer.comparison.reproduction.ReproductionScript.Fit;
import org.balintobservatory.analytics.answer.comparison.reproduction.ReproductionScript.Statistic;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The reproducibility bundle of one answer: {@code effect-sizes.csv} (the rows the answer was computed
 * from), {@code reproduce.R} (a {@link ReproductionScript} that refits every model of the answer with
 * metafor and compares every number) and {@code manifest.json} (the data release or log position, the
 * instrument versions, the software versions and the query).
 *
 * <p>The numbers come from {@link ModelFits}, the same code that answers the comparison and
 * meta-regression endpoints, on the same rows.
 */
public final class ReproductionBundle {

    private ReproductionBundle() {
    }

    /** The script for {@code /comparison}: the overall model, each level's and the moderator test. */
    public static ReproductionScript comparison(List<ComparisonEngine.Row> rows, ComparisonQuery query, Moderator by) {
        ReproductionScript script = new ReproductionScript();
        pooled(script, "overall", rows, null, null, query);
        if (by == null) {
            return script;
        }
        List<ComparisonEngine.Row> labelled = rows.stream().filter(r -> r.moderators().get(by.parameter()) != null)
                .toList();
        List<String> labels = labelled.stream().map(r -> r.moderators().get(by.parameter()).toString()).toList();
        List<String> levels = new ArrayList<>(new TreeSet<>(labels));
        for (String level : levels) {
            List<ComparisonEngine.Row> members = new ArrayList<>();
            for (int i = 0; i < labelled.size(); i++) {
                if (labels.get(i).equals(level)) {
                    members.add(labelled.get(i));
                }
            }
            pooled(script, "levels[" + level + "]", members, by.parameter(), level, query);
        }
        if (levels.size() >= 2) {
            ModelFits.Regression model = ModelFits.moderatorRegression(labelled, labels, levels, query);
            Fit fit = script.fit(null, null, by.parameter(), levels, List.of(), query, model.stepAdjustment());
            tests(script, "moderatorTest", fit, model, query);
        }
        return script;
    }

    /** The script for {@code /meta-regression}. */
    public static ReproductionScript regression(List<ComparisonEngine.Row> rows, double[][] x, List<String> names,
                                         ComparisonQuery query) {
        ReproductionScript script = new ReproductionScript();
        ModelFits.Regression model = ModelFits.regression(rows, x, names, query);
        Fit fit = script.fit(null, null, null, null, names.subList(1, names.size()), query, model.stepAdjustment());
        for (int j = 0; j < model.coefficients().size(); j++) {
            CoefficientRow c = model.coefficients().get(j);
            String label = "coefficients[" + c.name() + "]";
            script.check(label + ".estimate", fit, Statistic.BETA, j, c.estimate(), null);
            script.check(label + ".se", fit, Statistic.SE, j, c.se(), null);
            script.check(label + ".pValue", fit, Statistic.PVALUE, j, c.pValue(), null);
            script.check(label + ".ciLower", fit, Statistic.CI_LOWER, j, c.ciLower(), null);
            script.check(label + ".ciUpper", fit, Statistic.CI_UPPER, j, c.ciUpper(), null);
            if (c.robust() != null) {
                script.check(label + ".robust.se", fit, Statistic.ROBUST_SE, j, c.robust().se(), null);
                script.check(label + ".robust.df2", fit, Statistic.ROBUST_DF, j, c.robust().df2(), null);
                script.check(label + ".robust.pValue", fit, Statistic.ROBUST_PVALUE, j, c.robust().pValue(), null);
            }
        }
        tests(script, "", fit, model, query);
        script.check("tau2", fit, Statistic.TAU2, 0, model.tau2(), "the multilevel model splits it into components");
        return script;
    }

    private static void pooled(ReproductionScript script, String label, List<ComparisonEngine.Row> rows,
                               String subsetColumn, String subsetLevel, ComparisonQuery query) {
        Pooled p = ModelFits.pooled(rows, query);
        Fit fit = script.fit(subsetColumn, subsetLevel, null, null, List.of(), query, p.stepAdjustment());
        String why = p.notes() == null ? null : String.join(" ", p.notes());
        script.check(label + ".estimate", fit, Statistic.BETA, 0, p.estimate(), why);
        script.check(label + ".se", fit, Statistic.SE, 0, p.se(), why);
        script.check(label + ".pValue", fit, Statistic.PVALUE, 0, p.pValue(), why);
        script.check(label + ".ciLower", fit, Statistic.CI_LOWER, 0, p.ciLower(), why);
        script.check(label + ".ciUpper", fit, Statistic.CI_UPPER, 0, p.ciUpper(), why);
        script.check(label + ".predictionLower", fit, Statistic.PI_LOWER, 0, p.predictionLower(), why);
        script.check(label + ".predictionUpper", fit, Statistic.PI_UPPER, 0, p.predictionUpper(), why);
        script.check(label + ".i2", fit, Statistic.I2, 0, p.i2(), why);
        script.check(label + ".q", fit, Statistic.Q, 0, p.q(), why);
        if (query.model() == ModelChoice.TWO_LEVEL) {
            script.check(label + ".tau2", fit, Statistic.TAU2, 0, p.tau2(), why);
        } else if (p.components() != null) {
            for (int j = 0; j < p.components().size(); j++) {
                Component c = p.components().get(j);
                script.check(label + ".components[" + c.factor() + "].sigma2", fit, Statistic.SIGMA2, j, c.sigma2(), why);
                script.check(label + ".components[" + c.factor() + "].i2", fit, Statistic.I2, j + 1, c.i2(), why);
            }
        }
        if (p.robust() != null) {
            script.check(label + ".robust.se", fit, Statistic.ROBUST_SE, 0, p.robust().se(), why);
            script.check(label + ".robust.df2", fit, Statistic.ROBUST_DF, 0, p.robust().df2(), why);
            script.check(label + ".robust.pValue", fit, Statistic.ROBUST_PVALUE, 0, p.robust().pValue(), why);
        }
    }

    private static void tests(ReproductionScript script, String label, Fit fit, ModelFits.Regression model,
                              ComparisonQuery query) {
        String prefix = label.isEmpty() ? "" : label + ".";
        String why = model.notes().isEmpty() ? null : String.join(" ", model.notes());
        script.check(prefix + "qm", fit, Statistic.QM, 0, model.qm(), why);
        script.check(prefix + "qmPValue", fit, Statistic.QM_PVALUE, 0, model.qmPValue(), why);
        script.check(prefix + "qe", fit, Statistic.Q, 0, model.qe(), why);
        if (model.components() != null) {
            for (int j = 0; j < model.components().size(); j++) {
                script.check(prefix + "components[" + model.components().get(j).factor() + "].sigma2", fit,
                        Statistic.SIGMA2, j, model.components().get(j).sigma2(), why);
            }
        }
        if (query.robust() && model.robustTest() != null) {
            script.check(prefix + "robust.statistic", fit, Statistic.ROBUST_QM, 0, model.robustTest().statistic(), why);
            script.check(prefix + "robust.df2", fit, Statistic.ROBUST_QM_DF2, 0, model.robustTest().df2(), why);
        }
    }

    /**
     * The manifest: what the answer was computed from and with.
     *
     * @param release            what the answer comes from: the data release (name, cut time, log position),
     *                           or a school's live view
     * @param instrumentVersions the instrument versions in the release, when known
     */
    public record Manifest(String query, ReleaseLabel release, Map<String, Long> logPosition, int generation,
                    List<String> instrumentVersions, Map<String, String> software, int k, long participants,
                    int suppressedUnits, int minimumCellSize) {
    }

    /** The zip: effect-sizes.csv, reproduce.R, manifest.json. */
    public static byte[] zip(String csv, String script, String manifestJson) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("effect-sizes.csv", csv);
        entries.put("reproduce.R", script);
        entries.put("manifest.json", manifestJson);
        return zip(entries);
    }

    /** A bundle's zip: each entry by name, in the map's order, with a fixed time, so the same answer gives the same bytes. */
    public static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                entry(zip, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A manifest as the bundle holds it: indented JSON, keys of maps in order, dates as ISO text. */
    public static String json(Object manifest) {
        try {
            return MANIFEST_JSON.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest is plain data and always serialises", e);
        }
    }

    private static final ObjectMapper MANIFEST_JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        // A fixed time, so that the same answer gives the same bytes.
        entry.setTime(0);
        zip.putNextEntry(entry);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
