package org.balintobservatory.metaanalysis.power;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The noncentral chi-square distribution against R 4.2's {@code pchisq(x, df, ncp = lambda)} and
 * {@code pchisq(x, df, ncp = lambda, lower.tail = FALSE)}, printed to 15 digits by
 * {@code src/test/r/power.R}.
 */
class NoncentralChiSquaredTest {

    @ParameterizedTest(name = "pchisq({0}, {1}, ncp = {2})")
    @CsvSource({
            // x, df, ncp, lower, upper
            // the 5 % critical value of chi-square(1), a small noncentrality: power near alpha
            "3.84145882069412, 1, 0.5, 0.891045382449384, 0.108954617550616",
            // the noncentrality that gives 80 % power at 1 df
            "3.84145882069412, 1, 7.84887, 0.199999525805909, 0.800000474194091",
            "5.99146454710798, 2, 10, 0.184578621289337, 0.815421378710663",
            // almost central
            "7.81472790325118, 3, 0.001, 0.949941618653175, 0.0500583813468254",
            "1, 4, 2, 0.0388100980391177, 0.961189901960882",
            "20, 5, 3, 0.979402255264899, 0.0205977447351013",
            "150, 10, 100, 0.967197900783036, 0.0328020992169644",
            // a lower tail of 1e-6, kept to its digits rather than as one minus the upper
            "0.5, 1, 30, 9.2027470221241e-07, 0.999999079725298",
            "9.48772903678115, 4, 25.5, 0.00936640889595138, 0.990633591104049",
    })
    void equalsR(double x, double df, double ncp, double lower, double upper) {
        assertThat(NoncentralChiSquared.cdf(x, df, ncp)).isCloseTo(lower, within(1e-12 * Math.max(lower, 1e-3)));
        assertThat(NoncentralChiSquared.survival(x, df, ncp)).isCloseTo(upper, within(1e-12 * Math.max(upper, 1e-3)));
    }

    /**
     * A large noncentrality, where the sum starts far from j = 0. R's help for {@code pchisq} warns that
     * for large {@code ncp} its result "will not be highly accurate": it gives 0.00140390185455663 for the
     * upper tail, 2.6e-11 (relative) from the Poisson mixture summed with 40 significant digits
     * (Python mpmath 1.3: {@code sum(exp(-mu + j log mu - loggamma(j + 1)) * gammainc(df/2 + j, x/2, inf,
     * regularized=True) for j in range(4000))} with {@code mu = 500}), 0.001403901854520949, which this
     * class matches to 2e-13 (relative).
     */
    @Test
    void aLargeNoncentralityIsSummedFromTheMiddle() {
        assertThat(NoncentralChiSquared.survival(1200, 3, 1000)).isCloseTo(0.001403901854520949, within(1e-15))
                .isCloseTo(0.00140390185455663, within(1e-10 * 0.0014));
        // pchisq(1200, 3, ncp = 1000): 0.998596098145443; mpmath: 0.99859609814547905
        assertThat(NoncentralChiSquared.cdf(1200, 3, 1000)).isCloseTo(0.99859609814547905, within(1e-15))
                .isCloseTo(0.998596098145443, within(1e-13));
    }

    @Test
    void withoutNoncentralityItIsTheCentralDistribution() {
        // pchisq(3.84145882069412, 1, lower.tail = FALSE) = 0.05
        assertThat(NoncentralChiSquared.survival(3.84145882069412, 1, 0)).isCloseTo(0.05, within(1e-14));
    }

    @Test
    void theTailsAddUpToOneAndBoundTheSupport() {
        assertThat(NoncentralChiSquared.cdf(7, 3, 12) + NoncentralChiSquared.survival(7, 3, 12)).isCloseTo(1, within(1e-15));
        assertThat(NoncentralChiSquared.survival(0, 3, 12)).isEqualTo(1);
        assertThat(NoncentralChiSquared.cdf(-1, 3, 12)).isZero();
        assertThat(NoncentralChiSquared.survival(Double.POSITIVE_INFINITY, 3, 12)).isZero();
    }

    @Test
    void parametersOutsideTheDistributionAreRefused() {
        assertThatThrownBy(() -> NoncentralChiSquared.survival(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoncentralChiSquared.survival(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoncentralChiSquared.cdf(1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
