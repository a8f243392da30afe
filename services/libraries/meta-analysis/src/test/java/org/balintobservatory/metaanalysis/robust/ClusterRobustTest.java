package org.balintobservatory.metaanalysis.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.randomeffects.MetaforData;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.junit.jupiter.api.Test;

/**
 * CR2 cluster-robust tests, schools of {@code dat.konstantopoulos2011} clustered by district.
 * Expected values from {@code src/test/r/cluster-robust.R} (R 4.2, metafor 3.8-1, clubSandwich
 * 0.5.8): {@code robust(res, cluster = district, clubSandwich = TRUE)}, which equals
 * {@code coef_test(res, vcov = "CR2", cluster = dat$district)}, for the {@code res} each test names.
 */
class ClusterRobustTest {

    private static final Offset<Double> TOLERANCE = within(1e-6);

    private final double[] yi = MetaforData.konstantopoulosColumn(3);
    private final double[] vi = MetaforData.konstantopoulosColumn(4);
    private final double[] year = MetaforData.konstantopoulosColumn(2);
    private final List<String> district = MetaforData.konstantopoulosLabels(0);
    private final List<String> school = MetaforData.konstantopoulosLabels(1);

    @Test
    void twoLevelInterceptOnly() {
        // res <- rma(yi, vi, data = dat)
        RobustResult result = ClusterRobust.twoLevel(yi, vi, district, intercept(), List.of("intrcpt"),
                ModelOptions.DEFAULTS);

        assertThat(result.clusters()).isEqualTo(11);
        RobustCoefficient b = result.coefficient("intrcpt");
        assertThat(b.estimate()).isCloseTo(0.127932057662, TOLERANCE);
        assertThat(b.se()).isCloseTo(0.0782212388536, TOLERANCE);
        assertThat(b.statistic()).isCloseTo(1.63551561618, TOLERANCE);
        assertThat(b.df()).isCloseTo(7.37316699935, TOLERANCE);
        assertThat(b.pValue()).isCloseTo(0.143783905431, TOLERANCE);
        assertThat(b.ciLower()).isCloseTo(-0.0551508895506, TOLERANCE);
        assertThat(b.ciUpper()).isCloseTo(0.311015004874, TOLERANCE);
        assertThat(result.qm()).isCloseTo(2.674911330764, TOLERANCE);
        assertThat(result.qmDf2()).isCloseTo(7.373166999352, TOLERANCE);
    }

    @Test
    void twoLevelMetaRegression() {
        // res <- rma(yi, vi, mods = ~ year, data = dat)
        RobustResult result = ClusterRobust.twoLevel(yi, vi, district, MetaRegression.designMatrix(year),
                List.of("intrcpt", "year"), ModelOptions.DEFAULTS);

        RobustCoefficient slope = result.coefficient("year");
        assertThat(slope.estimate()).isCloseTo(0.00517191961831, TOLERANCE);
        assertThat(slope.se()).isCloseTo(0.00901070775026, TOLERANCE);
        assertThat(slope.df()).isCloseTo(3.30162646612, TOLERANCE);
        assertThat(slope.pValue()).isCloseTo(0.602777481604, TOLERANCE);
        assertThat(result.coefficient("intrcpt").df()).isCloseTo(3.26928802799, TOLERANCE);
        assertThat(result.covariance()[0][1]).isCloseTo(-0.161758287537, TOLERANCE);
        assertThat(result.qm()).isCloseTo(0.329447127025, TOLERANCE);
        assertThat(result.qmPValue()).isCloseTo(0.602777481604, TOLERANCE);
    }

    @Test
    void threeLevelModeratorUsesTheHotellingApproximation() {
        // res <- rma(yi, vi, mods = ~ factor(cut(year, c(0, 1980, 1995, 3000))), data = dat)
        double[] middle = Arrays.stream(year).map(y -> y > 1980 && y <= 1995 ? 1 : 0).toArray();
        double[] late = Arrays.stream(year).map(y -> y > 1995 ? 1 : 0).toArray();
        RobustResult result = ClusterRobust.twoLevel(yi, vi, district, MetaRegression.designMatrix(middle, late),
                List.of("intrcpt", "middle", "late"), ModelOptions.DEFAULTS);

        assertThat(result.coefficient("middle").estimate()).isCloseTo(0.1447102221990, TOLERANCE);
        assertThat(result.coefficient("middle").se()).isCloseTo(0.196728434419, TOLERANCE);
        assertThat(result.coefficient("middle").df()).isCloseTo(3.26011963870, TOLERANCE);
        assertThat(result.coefficient("late").df()).isCloseTo(3.24173144875, TOLERANCE);
        assertThat(result.coefficient("intrcpt").df()).isCloseTo(1.41341556962, TOLERANCE);
        assertThat(result.qm()).isCloseTo(0.206463033260, TOLERANCE);
        assertThat(result.qmDf1()).isEqualTo(2);
        assertThat(result.qmDf2()).isCloseTo(2.982395282855, TOLERANCE);
        assertThat(result.qmPValue()).isCloseTo(0.824180225043, TOLERANCE);
    }

    @Test
    void multilevelInterceptOnly() {
        // res <- rma.mv(yi, vi, random = ~ 1 | district/school, data = dat)
        RobustResult result = ClusterRobust.multilevel(yi, vi, district, school, intercept(), List.of("intrcpt"),
                ModelOptions.DEFAULTS);

        RobustCoefficient b = result.coefficient("intrcpt");
        assertThat(b.estimate()).isCloseTo(0.184713163673, TOLERANCE);
        assertThat(b.se()).isCloseTo(0.0844579954348, TOLERANCE);
        assertThat(b.df()).isCloseTo(9.86315623332, TOLERANCE);
        assertThat(b.pValue()).isCloseTo(0.0539667424706, TOLERANCE);
    }

    @Test
    void multilevelMetaRegression() {
        // res <- rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = dat)
        RobustResult result = ClusterRobust.multilevel(yi, vi, district, school, MetaRegression.designMatrix(year),
                List.of("intrcpt", "year"), ModelOptions.DEFAULTS);

        assertThat(result.coefficient("year").se()).isCloseTo(0.0100034242117, TOLERANCE);
        assertThat(result.coefficient("year").df()).isCloseTo(4.18899869077, TOLERANCE);
        assertThat(result.coefficient("year").pValue()).isCloseTo(0.622330747653, TOLERANCE);
    }

    @Test
    void oneClusterHasNoRobustTest() {
        RobustResult result = ClusterRobust.twoLevel(new double[] {0.1, 0.4, 0.3}, new double[] {0.02, 0.03, 0.02},
                List.of("a", "a", "a"), new double[][] {{1}, {1}, {1}}, List.of("intrcpt"), ModelOptions.DEFAULTS);

        assertThat(result.estimable()).isFalse();
        assertThat(result.coefficient("intrcpt").se()).isNaN();
        assertThat(result.notes()).anyMatch(note -> note.contains("at least two institutions"));
    }

    private double[][] intercept() {
        double[][] x = new double[yi.length][];
        for (int i = 0; i < yi.length; i++) {
            x[i] = new double[] {1};
        }
        return x;
    }
}
