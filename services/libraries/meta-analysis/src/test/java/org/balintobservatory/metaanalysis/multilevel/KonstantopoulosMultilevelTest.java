package org.balintobservatory.metaanalysis.multilevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.assertj.core.data.Offset;
import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.randomeffects.MetaforData;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.junit.jupiter.api.Test;

/**
 * Schools nested in districts ({@code dat.konstantopoulos2011}), the three-level example of
 * metafor's documentation. Expected values from {@code src/test/r/multilevel.R} (R 4.2, metafor
 * 3.8-1), each test naming its call; I^2 by level as the metafor FAQ computes it (Cheung, 2014).
 */
class KonstantopoulosMultilevelTest {

    private static final Offset<Double> TOLERANCE = within(1e-6);

    private final double[] yi = MetaforData.konstantopoulosColumn(3);
    private final double[] vi = MetaforData.konstantopoulosColumn(4);
    private final List<String> district = MetaforData.konstantopoulosLabels(0);
    private final List<String> school = MetaforData.konstantopoulosLabels(1);

    @Test
    void remlMatchesRmaMv() {
        // rma.mv(yi, vi, random = ~ 1 | district/school, data = dat)
        MultilevelResult result = MultilevelModel.fit(yi, vi, district, school, ModelOptions.DEFAULTS);

        assertThat(result.estimable()).isTrue();
        assertThat(result.k()).isEqualTo(56);
        Coefficient intercept = result.coefficient(MetaRegression.INTERCEPT);
        assertThat(intercept.estimate()).isCloseTo(0.184713163673, TOLERANCE);
        assertThat(intercept.se()).isCloseTo(0.0845559187421, TOLERANCE);
        assertThat(intercept.statistic()).isCloseTo(2.18450897845, TOLERANCE);
        assertThat(intercept.pValue()).isCloseTo(0.0289248682577, TOLERANCE);
        assertThat(intercept.ciLower()).isCloseTo(0.0189866082587, TOLERANCE);
        assertThat(intercept.ciUpper()).isCloseTo(0.350439719087, TOLERANCE);
        assertThat(result.components()).extracting(VarianceComponent::levels).containsExactly(11, 56);
        assertThat(result.components().get(0).sigma2()).isCloseTo(0.0650619442753, TOLERANCE);
        assertThat(result.components().get(1).sigma2()).isCloseTo(0.0327365170279, TOLERANCE);
        assertThat(result.qe()).isCloseTo(578.864017958, TOLERANCE);
        assertThat(result.qeDf()).isEqualTo(55);
        assertThat(result.qePValue()).isCloseTo(1.79683030193e-88, within(1e-92));
        assertThat(result.logLik()).isCloseTo(-7.95872403371, TOLERANCE);
    }

    @Test
    void iSquaredByLevel() {
        // 100 * res$sigma2 / (sum(res$sigma2) + (k - p) / sum(diag(P))), P built with W = diag(1/vi)
        MultilevelResult result = MultilevelModel.fit(yi, vi, district, school, ModelOptions.DEFAULTS);

        assertThat(result.components().get(0).i2()).isCloseTo(63.3248378206, within(1e-4));
        assertThat(result.components().get(1).i2()).isCloseTo(31.8624759019, within(1e-4));
        assertThat(result.i2()).isCloseTo(95.1873137225, within(1e-4));
    }

    @Test
    void maximumLikelihood() {
        // rma.mv(yi, vi, random = ~ 1 | district/school, data = dat, method = "ML")
        MultilevelResult result = MultilevelModel.fit(yi, vi, district, school,
                ModelOptions.of(EstimationMethod.ML, TestType.Z));

        assertThat(result.coefficients().get(0).estimate()).isCloseTo(0.184455383966, TOLERANCE);
        assertThat(result.coefficients().get(0).se()).isCloseTo(0.0804816821656, TOLERANCE);
        assertThat(result.components().get(0).sigma2()).isCloseTo(0.0577383588585, TOLERANCE);
        assertThat(result.components().get(1).sigma2()).isCloseTo(0.0328647918614, TOLERANCE);
        assertThat(result.logLik()).isCloseTo(-8.39493557126, TOLERANCE);
    }

    @Test
    void metaRegressionOnYear() {
        // rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = dat)
        double[][] x = MetaRegression.designMatrix(MetaforData.konstantopoulosColumn(2));
        MultilevelResult result = MultilevelModel.fit(yi, vi, district, school, x,
                List.of(MetaRegression.INTERCEPT, "year"), ModelOptions.DEFAULTS);

        Coefficient year = result.coefficient("year");
        assertThat(year.estimate()).isCloseTo(0.00531181822473, TOLERANCE);
        assertThat(year.se()).isCloseTo(0.00943579361894, TOLERANCE);
        assertThat(year.pValue()).isCloseTo(0.573473391090, TOLERANCE);
        assertThat(result.coefficient(MetaRegression.INTERCEPT).estimate()).isCloseTo(-10.38979977365953, within(1e-4));
        assertThat(result.components().get(0).sigma2()).isCloseTo(0.0722655836317, TOLERANCE);
        assertThat(result.components().get(1).sigma2()).isCloseTo(0.0326502045950, TOLERANCE);
        assertThat(result.qm()).isCloseTo(0.316905329257, TOLERANCE);
        assertThat(result.qmPValue()).isCloseTo(0.573473391090, TOLERANCE);
        assertThat(result.qe()).isCloseTo(550.259675495, TOLERANCE);
    }

    @Test
    void subgroupTestOfACategoricalModerator() {
        // rma.mv(yi, vi, mods = ~ factor(year >= 1985), random = ~ 1 | district/school, data = dat)
        double[] late = java.util.Arrays.stream(MetaforData.konstantopoulosColumn(2)).map(y -> y >= 1985 ? 1 : 0).toArray();
        MultilevelResult result = MultilevelModel.fit(yi, vi, district, school, MetaRegression.designMatrix(late),
                List.of(MetaRegression.INTERCEPT, "late"), ModelOptions.DEFAULTS);

        assertThat(result.coefficient("late").estimate()).isCloseTo(0.106188581913, TOLERANCE);
        assertThat(result.coefficient("late").se()).isCloseTo(0.199804792612, TOLERANCE);
        assertThat(result.qm()).isCloseTo(0.282451470276, TOLERANCE);
        assertThat(result.components().get(0).sigma2()).isCloseTo(0.0721164497287, TOLERANCE);
        assertThat(result.qe()).isCloseTo(547.473921124, TOLERANCE);
    }

    @Test
    void tTestsAsRmaMvTestT() {
        // rma.mv(yi, vi, random = ~ 1 | district/school, data = dat, test = "t"): same se, t(55)
        MultilevelResult result = MultilevelModel.fit(yi, vi, district, school,
                ModelOptions.of(EstimationMethod.REML, TestType.KNHA));

        assertThat(result.df()).isEqualTo(55);
        assertThat(result.coefficients().get(0).se()).isCloseTo(0.0845559187421, TOLERANCE);
        assertThat(result.coefficients().get(0).pValue()).isCloseTo(0.033205018795, TOLERANCE);
        assertThat(result.coefficients().get(0).ciLower()).isCloseTo(0.0152593158216, TOLERANCE);
        assertThat(result.qm()).isCloseTo(4.77207947692, TOLERANCE);
        assertThat(result.qmPValue()).isCloseTo(0.033205018795, TOLERANCE);
    }

    @Test
    void oneSchoolPerDistrictGivesTheSumOfTheVariancesOnly() {
        // first <- dat[!duplicated(dat$district), ]; rma.mv(..., data = first) splits 0.06646 as
        // 0.03323 + 0.03323 from its start; rma(yi, vi, data = first): estimate, se and tau^2 below.
        List<Integer> first = new java.util.ArrayList<>();
        for (int i = 0; i < yi.length; i++) {
            if (i == 0 || !district.get(i).equals(district.get(i - 1))) {
                first.add(i);
            }
        }
        double[] y = first.stream().mapToDouble(i -> yi[i]).toArray();
        double[] v = first.stream().mapToDouble(i -> vi[i]).toArray();
        MultilevelResult result = MultilevelModel.fit(y, v, first.stream().map(district::get).toList(),
                first.stream().map(school::get).toList(), ModelOptions.DEFAULTS);

        assertThat(result.estimable()).isTrue();
        assertThat(result.coefficients().get(0).estimate()).isCloseTo(0.0910955901958, TOLERANCE);
        assertThat(result.coefficients().get(0).se()).isCloseTo(0.0909760916943, TOLERANCE);
        assertThat(result.sigma2Total()).isCloseTo(0.0664563227121, TOLERANCE);
        assertThat(result.components()).allSatisfy(c -> assertThat(c.sigma2()).isNaN());
        assertThat(result.notes()).anyMatch(note -> note.contains("cannot be told apart"));
    }

    @Test
    void oneInstitutionCannotSeparateTheLevels() {
        MultilevelResult result = MultilevelModel.fit(new double[] {0.1, 0.3, 0.5}, new double[] {0.02, 0.03, 0.02},
                List.of("a", "a", "a"), List.of("1", "2", "3"), ModelOptions.DEFAULTS);

        assertThat(result.estimable()).isFalse();
        assertThat(result.coefficients().get(0).estimate()).isNaN();
        assertThat(result.notes()).anyMatch(note -> note.contains("one institution"));
    }
}
