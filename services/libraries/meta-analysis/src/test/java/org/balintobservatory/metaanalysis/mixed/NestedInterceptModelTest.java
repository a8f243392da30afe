package org.balintobservatory.metaanalysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** What the model refuses, how its input adds up, and how much work a fit does. */
class NestedInterceptModelTest {

    private final List<MixedTestData.Row> pastes = MixedTestData.read("pastes");

    @Test
    void aliasedTermsAreNamed() {
        // "twice" is twice the intercept, as lm and lmer would find it aliased
        List<ClusterStatistics> clusters = MixedTestData.clusters(pastes, row -> row.text("batch"),
                row -> row.text("cask"), row -> new double[] {1, 2}, row -> row.number("strength"));

        assertThatThrownBy(() -> NestedInterceptModel.fit(List.of("(Intercept)", "twice"), clusters, Estimation.REML))
                .isInstanceOfSatisfying(RankDeficientDesignException.class,
                        e -> assertThat(e.aliasedTerms()).containsExactly("twice"));
    }

    @Test
    void eachLevelNeedsTwoClusters() {
        List<ClusterStatistics> oneBatch = MixedTestData.clusters(pastes, row -> "all", row -> row.text("cask"),
                row -> new double[] {1}, row -> row.number("strength"));

        assertThatThrownBy(() -> NestedInterceptModel.fit(List.of("(Intercept)"), oneBatch, Estimation.REML))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two clusters");
    }

    @Test
    void oneRowPerGroupLeavesTheGroupVarianceUnidentified() {
        List<ClusterStatistics> singletons = new ArrayList<>();
        for (int i = 0; i < pastes.size(); i++) {
            MixedTestData.Row row = pastes.get(i);
            singletons.add(ClusterStatistics.of(row.text("batch"), "row" + i, new double[][] {{1}},
                    new double[] {row.number("strength")}));
        }

        assertThatThrownBy(() -> NestedInterceptModel.fit(List.of("(Intercept)"), singletons, Estimation.REML))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not identifiable");
    }

    @Test
    void clustersEitherAllNameTheirOuterClusterOrNone() {
        List<ClusterStatistics> mixed = List.of(
                ClusterStatistics.of("a", "g1", new double[][] {{1}, {1}}, new double[] {1, 2}),
                ClusterStatistics.of(null, "g2", new double[][] {{1}, {1}}, new double[] {3, 4}));

        assertThatThrownBy(() -> NestedInterceptModel.fit(List.of("(Intercept)"), mixed, Estimation.REML))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outer");
    }

    @Test
    void statisticsMustBeFinite() {
        assertThatThrownBy(() -> ClusterStatistics.of("a", "g1", new double[][] {{1}, {1}}, new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void statisticsOfAClusterAddUpAcrossItsParts() {
        double[][] x = {{1, 2}, {1, 5}, {1, -1}};
        double[] y = {3, 7, 0.5};
        ClusterStatistics whole = ClusterStatistics.of("i", "g", x, y);
        ClusterStatistics parts = ClusterStatistics.of("i", "g", new double[][] {x[0]}, new double[] {y[0]})
                .plus(ClusterStatistics.of("i", "g", new double[][] {x[1], x[2]}, new double[] {y[1], y[2]}));

        assertThat(parts.n()).isEqualTo(3);
        assertThat(parts.xSum()).containsExactly(whole.xSum());
        assertThat(parts.xtx()).isDeepEqualTo(whole.xtx());
        assertThat(parts.xty()).containsExactly(whole.xty());
        assertThat(parts.ySum()).isEqualTo(whole.ySum());
        assertThat(parts.yty()).isEqualTo(whole.yty());
        assertThatThrownBy(() -> whole.plus(ClusterStatistics.of("i", "other", x, y)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClusterGivenInPartsFitsAsOne() {
        List<ClusterStatistics> whole = MixedTestData.clusters(pastes, row -> row.text("batch"),
                row -> row.text("cask"), row -> new double[] {1}, row -> row.number("strength"));
        // each assay as its own entry: the fit adds up the entries of one cask
        List<ClusterStatistics> split = new ArrayList<>();
        for (MixedTestData.Row row : pastes) {
            split.add(ClusterStatistics.of(row.text("batch"), row.text("cask"), new double[][] {{1}},
                    new double[] {row.number("strength")}));
        }

        MixedModelFit a = NestedInterceptModel.fit(List.of("(Intercept)"), whole, Estimation.REML);
        MixedModelFit b = NestedInterceptModel.fit(List.of("(Intercept)"), split, Estimation.REML);

        assertThat(b.innerClusters()).isEqualTo(30);
        assertThat(b.criterion()).isCloseTo(a.criterion(), within(1e-9));
        assertThat(b.variance().inner()).isCloseTo(a.variance().inner(), within(1e-9));
    }

    @Test
    void theWorkOfAFitDoesNotGrowWithTheParticipants() {
        // Each likelihood evaluation costs O(clusters x p^2) whatever the groups' sizes; the number of
        // evaluations is what a fit adds to that, and it stays small as the groups grow tenfold.
        MixedModelFit small = NestedInterceptModel.fit(List.of("(Intercept)", "x"), generated(1), Estimation.REML);
        MixedModelFit large = NestedInterceptModel.fit(List.of("(Intercept)", "x"), generated(10), Estimation.REML);

        assertThat(small.converged()).isTrue();
        assertThat(large.converged()).isTrue();
        assertThat(small.likelihoodEvaluations()).isLessThan(100);
        assertThat(large.likelihoodEvaluations()).isLessThan(100);
    }

    /** 40 institutions of 25 groups each, of 5 to 12 participants times {@code scale}. */
    private static List<ClusterStatistics> generated(int scale) {
        SplittableRandom random = new SplittableRandom(11);
        List<ClusterStatistics> clusters = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double institution = 2 * random.nextGaussian();
            for (int g = 0; g < 25; g++) {
                double group = random.nextGaussian();
                int n = (5 + random.nextInt(8)) * scale;
                double[][] x = new double[n][];
                double[] y = new double[n];
                for (int r = 0; r < n; r++) {
                    double covariate = random.nextInt(13);
                    x[r] = new double[] {1, covariate};
                    y[r] = 3 + 0.4 * covariate + institution + group + 4 * random.nextGaussian();
                }
                clusters.add(ClusterStatistics.of("i" + i, "g" + g, x, y));
            }
        }
        return clusters;
    }
}
