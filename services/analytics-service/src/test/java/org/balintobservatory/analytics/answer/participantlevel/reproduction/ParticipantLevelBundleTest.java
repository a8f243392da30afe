package org.balintobservatory.analytics.answer.participantlevel.reproduction;

import org.balintobservatory.analytics.answer.participantlevel.engine.ParticipantLevelEngine;
import org.balintobservatory.analytics.answer.participantlevel.engine.ParticipantLevelEngineTestData;
import org.balintobservatory.metaanalysis.mixed.ClusterStatistics;
import org.balintobservatory.metaanalysis.mixed.Estimation;
import org.balintobservatory.metaanalysis.mixed.MixedModelFit;
import org.balintobservatory.metaanalysis.mixed.NestedInterceptModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A bundle's per-group statistics refit to the answer: {@code clusters.csv} read back (sums rebuilt from its means
 * and centred cross-products, Σz = n·z̄, Σzz' = C + n·z̄z̄') and fitted by the same engine gives the same
 * estimates. Run by hand on this fixture's bundle (written with {@code -Dbundle.out=<file>}),
 * {@code Rscript reproduce.R} with lme4 1.1.31 and lmerTest 3.1.3 printed "all 22 numbers agree with lmer to
 * 1e-04 (relative)", the largest relative difference 1.2e-8.
 */
public class ParticipantLevelBundleTest {

    @Test
    void theGroupsStatisticsInTheBundleRefitToTheAnswersEstimates() {
        ParticipantLevelEngine.Result result = ParticipantLevelEngineTestData.linearFit();

        String csv = ParticipantLevelBundle.clusters(result.design().terms(), result.design().clusters());
        MixedModelFit refit = NestedInterceptModel.fit(result.design().terms(), read(csv, result.design().terms().size()),
                Estimation.REML);

        for (int j = 0; j < result.fit().coefficients().length; j++) {
            assertThat(refit.coefficients()[j]).as(result.design().terms().get(j))
                    .isCloseTo(result.fit().coefficients()[j], within(1e-8));
            assertThat(refit.fixedEffects().get(j).standardError())
                    .isCloseTo(result.fit().fixedEffects().get(j).standardError(), within(1e-8));
        }
        assertThat(refit.logLikelihood()).isCloseTo(result.fit().logLikelihood(), within(1e-8));
    }

    @Test
    void theBundleCarriesNoParticipantsValuesOnlyEachGroupsStatistics() throws IOException {
        ParticipantLevelEngine.Result result = ParticipantLevelEngineTestData.linearFit();
        byte[] zip = ParticipantLevelBundle.zip(
                ParticipantLevelBundle.clusters(result.design().terms(), result.design().clusters()),
                ParticipantLevelBundle.expected(result.fit()), ParticipantLevelBundle.script(result.fit(), true), "{}");

        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsOnlyKeys("clusters.csv", "expected.csv", "reproduce.R", "README.md",
                "manifest.json");
        // One line per group (20) and a header: no line per participant (157).
        assertThat(entries.get("clusters.csv").lines()).hasSize(21);
        assertThat(entries.get("reproduce.R")).contains("reml <- TRUE").contains("nested <- TRUE")
                .doesNotContain("@REML@");
        assertThat(entries.get("README.md")).contains("synthetic");
        if (System.getProperty("bundle.out") != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("bundle.out")), zip);
        }
    }

    /** clusters.csv as the R script reads it, back into sums; p is the number of terms, intercept included. */
    public static List<ClusterStatistics> read(String csv, int p) {
        List<String> lines = csv.lines().toList();
        int q = p;
        List<ClusterStatistics> clusters = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long n = Long.parseLong(f[2]);
            double[] mean = new double[q];
            for (int a = 0; a < q; a++) {
                mean[a] = Double.parseDouble(f[3 + a]);
            }
            double[][] c = new double[q][q];
            int k = 3 + q;
            for (int a = 0; a < q; a++) {
                for (int b = a; b < q; b++) {
                    c[a][b] = Double.parseDouble(f[k++]);
                    c[b][a] = c[a][b];
                }
            }
            // Column 0 of X is the intercept; z = (x_1 … x_{p-1}, y).
            double[] xSum = new double[p];
            double[][] xtx = new double[p][p];
            double[] xty = new double[p];
            xSum[0] = n;
            xtx[0][0] = n;
            for (int a = 1; a < p; a++) {
                xSum[a] = n * mean[a - 1];
                xtx[0][a] = xSum[a];
                xtx[a][0] = xSum[a];
                xty[a] = c[a - 1][q - 1] + n * mean[a - 1] * mean[q - 1];
                for (int b = 1; b < p; b++) {
                    xtx[a][b] = c[a - 1][b - 1] + n * mean[a - 1] * mean[b - 1];
                }
            }
            double ySum = n * mean[q - 1];
            xty[0] = ySum;
            // "all": a model without institutions, (1 | group), as the R script reads it.
            String institution = unquote(f[0]).equals("all") ? null : unquote(f[0]);
            clusters.add(new ClusterStatistics(institution, unquote(f[1]), n, xSum, xtx, xty, ySum,
                    c[q - 1][q - 1] + n * mean[q - 1] * mean[q - 1]));
        }
        return clusters;
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1);
    }
}
