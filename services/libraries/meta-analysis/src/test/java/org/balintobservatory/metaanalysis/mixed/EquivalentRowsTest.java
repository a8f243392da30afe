package org.balintobservatory.metaanalysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Rows rebuilt from a cluster's sums reproduce the sums, and so the fit. */
class EquivalentRowsTest {

    private static final List<String> TERMS = List.of("(Intercept)", "pre", "sessions", "styleROLE_PLAY",
            "plannedSize");

    private final List<ClusterStatistics> clusters = MixedTestData.clusters(MixedTestData.read("consortium"),
            row -> row.text("institution"), row -> row.text("group"),
            row -> new double[] {1, row.number("pre"), row.number("sessions"),
                    row.text("style").equals("ROLE_PLAY") ? 1 : 0, row.number("plannedSize")},
            row -> row.number("post"));

    @Test
    void rowsHaveTheClustersSums() {
        for (ClusterStatistics cluster : clusters) {
            ClusterStatistics rebuilt = rebuild(cluster);

            assertThat(rebuilt.n()).isEqualTo(cluster.n());
            for (int a = 0; a < cluster.columns(); a++) {
                assertThat(rebuilt.xSum()[a]).isCloseTo(cluster.xSum()[a], within(1e-9 * (1 + Math.abs(cluster.xSum()[a]))));
                assertThat(rebuilt.xty()[a]).isCloseTo(cluster.xty()[a], withinPercentage(1e-9));
                for (int b = 0; b < cluster.columns(); b++) {
                    assertThat(rebuilt.xtx()[a][b]).isCloseTo(cluster.xtx()[a][b],
                            within(1e-9 * (1 + Math.abs(cluster.xtx()[a][b]))));
                }
            }
            assertThat(rebuilt.ySum()).isCloseTo(cluster.ySum(), withinPercentage(1e-9));
            assertThat(rebuilt.yty()).isCloseTo(cluster.yty(), withinPercentage(1e-9));
        }
    }

    @Test
    void columnsConstantInAClusterStayExact() {
        ClusterStatistics cluster = clusters.get(0);
        double[][] rows = EquivalentRows.of(cluster);

        // the intercept and the group-level style and planned size, as in the real rows
        assertThat(Arrays.asList(rows)).allSatisfy(row -> {
            assertThat(row[0]).isEqualTo(1.0);
            assertThat(row[3]).isEqualTo(cluster.xSum()[3] / cluster.n());
            assertThat(row[4]).isEqualTo(cluster.xSum()[4] / cluster.n());
        });
        // the baselines vary within the group, as the real ones do
        assertThat(Arrays.stream(rows).mapToDouble(row -> row[1]).distinct().count()).isGreaterThan(1);
    }

    @Test
    void theRebuiltRowsGiveTheSameFit() {
        List<ClusterStatistics> rebuilt = new ArrayList<>();
        for (ClusterStatistics cluster : clusters) {
            rebuilt.add(rebuild(cluster));
        }

        MixedModelFit original = NestedInterceptModel.fit(TERMS, clusters, Estimation.REML);
        MixedModelFit again = NestedInterceptModel.fit(TERMS, rebuilt, Estimation.REML);

        assertThat(again.criterion()).isCloseTo(original.criterion(), withinPercentage(1e-8));
        assertThat(again.variance().inner()).isCloseTo(original.variance().inner(), withinPercentage(1e-6));
        assertThat(again.variance().outer()).isCloseTo(original.variance().outer(), withinPercentage(1e-6));
        for (int j = 0; j < TERMS.size(); j++) {
            assertThat(again.coefficients()[j]).isCloseTo(original.coefficients()[j], withinPercentage(1e-6));
            assertThat(again.fixedEffects().get(j).df()).isCloseTo(original.fixedEffects().get(j).df(),
                    withinPercentage(1e-6));
        }
    }

    private static ClusterStatistics rebuild(ClusterStatistics cluster) {
        double[][] rows = EquivalentRows.of(cluster);
        double[][] x = Arrays.stream(rows).map(row -> Arrays.copyOf(row, row.length - 1)).toArray(double[][]::new);
        double[] y = Arrays.stream(rows).mapToDouble(row -> row[row.length - 1]).toArray();
        return ClusterStatistics.of(cluster.outerId(), cluster.innerId(), x, y);
    }
}
