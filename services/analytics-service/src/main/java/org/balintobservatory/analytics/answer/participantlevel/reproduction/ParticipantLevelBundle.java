package org.balintobservatory.analytics.answer.participantlevel.reproduction;

import org.balintobservatory.analytics.answer.comparison.reproduction.RCsv;
import org.balintobservatory.analytics.answer.comparison.reproduction.ReproductionBundle;
import org.balintobservatory.metaanalysis.mixed.ClusterStatistics;
import org.balintobservatory.metaanalysis.mixed.FixedEffect;
import org.balintobservatory.metaanalysis.mixed.MixedModelFit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reproducibility bundle of a participant-level answer. Participant-level rows may not leave the service,
 * so it carries each group's sufficient statistics instead ({@code clusters.csv}: its size, the means of every
 * model column and of the later score, and their centred cross-products), the answer's numbers
 * ({@code expected.csv}), and {@code reproduce.R}, which rebuilds for each group synthetic rows with exactly
 * those statistics and refits them with {@code lme4::lmer}.
 *
 * <p>Why that refit equals the service's: the likelihood of {@code y ~ X + (1 | institution/group)} depends on
 * a group's rows only through n_j, Σx, Σy, X'X, X'y and y'y (the group's covariance is σ²I + τ²_g·11' +
 * τ²_i·11', whose inverse and determinant act on the rows only through those sums; Harville 1977). Rows
 * z̄' + Q·A with Q an n_j × r orthonormal basis orthogonal to 1 and A'A the centred cross-product matrix C
 * (r = rank C ≤ n_j − 1) have mean z̄ and centred cross-products Q'Q = I ⇒ A'A = C: the same sums, so the
 * same fit.
 */
public final class ParticipantLevelBundle {

    private static final String SCRIPT = "participant-level-reproduce.R";
    private static final String README = "participant-level-README.md";

    private ParticipantLevelBundle() {
    }

    /**
     * {@code clusters.csv}: one row per group: institution, group, n, the mean of every column but the
     * intercept ({@code m.<term>}) and of the later score ({@code m.post}), then the upper triangle of their
     * centred cross-product matrix C = Σ(z − z̄)(z − z̄)' ({@code c.<a>.<b>}, by column position).
     */
    public static String clusters(List<String> terms, List<ClusterStatistics> clusters) {
        List<String> columns = new ArrayList<>(terms.subList(1, terms.size()));
        columns.add("post");
        int q = columns.size();
        List<String> header = new ArrayList<>(List.of("institution", "group", "n"));
        columns.forEach(c -> header.add("m." + c));
        for (int a = 0; a < q; a++) {
            for (int b = a; b < q; b++) {
                header.add("c." + (a + 1) + "." + (b + 1));
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (ClusterStatistics c : clusters) {
            double n = c.n();
            double[] sums = new double[q];
            double[][] products = new double[q][q];
            for (int a = 0; a < q - 1; a++) {
                sums[a] = c.xSum()[a + 1];
                products[a][q - 1] = c.xty()[a + 1];
                for (int b = 0; b < q - 1; b++) {
                    products[a][b] = c.xtx()[a + 1][b + 1];
                }
            }
            sums[q - 1] = c.ySum();
            products[q - 1][q - 1] = c.yty();
            List<Object> row = new ArrayList<>(List.of(c.outerId() == null ? "all" : c.outerId(), c.innerId(), c.n()));
            for (int a = 0; a < q; a++) {
                row.add(sums[a] / n);
            }
            for (int a = 0; a < q; a++) {
                for (int b = a; b < q; b++) {
                    row.add(products[a][b] - sums[a] * sums[b] / n);
                }
            }
            rows.add(row);
        }
        return RCsv.table(header, rows);
    }

    /** {@code expected.csv}: every number the script compares, as {@code quantity,term,value}. */
    public static String expected(MixedModelFit fit) {
        List<List<Object>> rows = new ArrayList<>();
        for (FixedEffect f : fit.fixedEffects()) {
            rows.add(List.of("estimate", f.term(), f.estimate()));
            rows.add(List.of("se", f.term(), f.standardError()));
            rows.add(List.of("df", f.term(), f.df()));
        }
        rows.add(List.of("variance", "institution", fit.variance().outer()));
        rows.add(List.of("variance", "group", fit.variance().inner()));
        rows.add(List.of("variance", "residual", fit.variance().residual()));
        rows.add(Arrays.asList("logLik", null, fit.logLikelihood()));
        return RCsv.table(List.of("quantity", "term", "value"), rows);
    }

    /** The R script, with the method the answer was fitted by. */
    public static String script(MixedModelFit fit, boolean nested) {
        return resource(SCRIPT)
                .replace("@REML@", fit.estimation().name().equals("REML") ? "TRUE" : "FALSE")
                .replace("@NESTED@", nested ? "TRUE" : "FALSE");
    }

    public static String readme() {
        return resource(README);
    }

    /** The zip: clusters.csv, expected.csv, reproduce.R, README.md, manifest.json. */
    public static byte[] zip(String clusters, String expected, String script, String manifestJson) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("clusters.csv", clusters);
        entries.put("expected.csv", expected);
        entries.put("reproduce.R", script);
        entries.put("README.md", readme());
        entries.put("manifest.json", manifestJson);
        return ReproductionBundle.zip(entries);
    }

    private static String resource(String name) {
        try (InputStream in = ParticipantLevelBundle.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
