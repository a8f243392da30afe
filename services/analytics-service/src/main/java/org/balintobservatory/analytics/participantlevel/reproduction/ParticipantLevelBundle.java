package org.balintobservatory.analytics.participantlevel.reproduction;

import org.balintobservatory.analytics.comparison.reproduction.ReproductionBundle;
import org.balintobservatory.metaanalysis.mixed.ClusterStatistics;
import org.balintobservatory.metaanalysis.mixed.FixedEffect;
import org.balintobservatory.metaanalysis.mixed.MixedModelFit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

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
        StringBuilder csv = new StringBuilder("institution,group,n");
        columns.forEach(c -> csv.append(",\"m.").append(c.replace("\"", "\"\"")).append('"'));
        for (int a = 0; a < q; a++) {
            for (int b = a; b < q; b++) {
                csv.append(",c.").append(a + 1).append('.').append(b + 1);
            }
        }
        csv.append('\n');
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
            csv.append(text(c.outerId() == null ? "all" : c.outerId())).append(',').append(text(c.innerId()))
                    .append(',').append(c.n());
            for (int a = 0; a < q; a++) {
                csv.append(',').append(number(sums[a] / n));
            }
            for (int a = 0; a < q; a++) {
                for (int b = a; b < q; b++) {
                    csv.append(',').append(number(products[a][b] - sums[a] * sums[b] / n));
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** {@code expected.csv}: every number the script compares, as {@code quantity,term,value}. */
    public static String expected(MixedModelFit fit) {
        StringBuilder csv = new StringBuilder("quantity,term,value\n");
        for (FixedEffect f : fit.fixedEffects()) {
            csv.append("estimate,").append(text(f.term())).append(',').append(number(f.estimate())).append('\n');
            csv.append("se,").append(text(f.term())).append(',').append(number(f.standardError())).append('\n');
            csv.append("df,").append(text(f.term())).append(',').append(number(f.df())).append('\n');
        }
        csv.append("variance,institution,").append(number(fit.variance().outer())).append('\n');
        csv.append("variance,group,").append(number(fit.variance().inner())).append('\n');
        csv.append("variance,residual,").append(number(fit.variance().residual())).append('\n');
        csv.append("logLik,,").append(number(fit.logLikelihood())).append('\n');
        return csv.toString();
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

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.17g", value) : "NA";
    }

    private static String text(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String resource(String name) {
        try (InputStream in = ParticipantLevelBundle.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
