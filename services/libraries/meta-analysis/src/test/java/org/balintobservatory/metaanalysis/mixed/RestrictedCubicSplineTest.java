package org.balintobservatory.metaanalysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Knots and basis as Hmisc 4.8-0 computes them; every expected value from {@code src/test/r/spline.R}. */
class RestrictedCubicSplineTest {

    private final double[] sessions = MixedTestData.read("consortium").stream()
            .mapToDouble(row -> row.number("sessions")).toArray();

    @Test
    void knotsAtHarrellsQuantiles() {
        // rcspline.eval(dat$sessions, nk = 3, 4, 5, knots.only = TRUE) on the generated consortium (361 values)
        assertThat(RestrictedCubicSpline.defaultKnots(sessions, 3)).containsExactly(5, 8, 11);
        assertThat(RestrictedCubicSpline.defaultKnots(sessions, 4)).containsExactly(4, 7, 9, 12);
        assertThat(RestrictedCubicSpline.defaultKnots(sessions, 5)).containsExactly(4, 6, 8, 10, 12);
    }

    @Test
    void fewerThanAHundredValuesTakeTheFifthFromEachEndAsOuterKnots() {
        // rcspline.eval(1:30, nk = 4, knots.only = TRUE)
        double[] x = IntStream.rangeClosed(1, 30).asDoubleStream().toArray();

        assertThat(RestrictedCubicSpline.defaultKnots(x, 4)).containsExactly(new double[] {5, 11.15, 19.85, 26},
                within(1e-12));
    }

    @Test
    void aTiedMinimumIsReplacedByItsNeighbour() {
        // rcspline.eval(c(rep(0, 10), 1:40), nk = 4, knots.only = TRUE)
        double[] x = DoubleStream.concat(DoubleStream.generate(() -> 0).limit(10),
                IntStream.rangeClosed(1, 40).asDoubleStream()).toArray();

        assertThat(RestrictedCubicSpline.defaultKnots(x, 4)).containsExactly(new double[] {1, 3.9, 21, 36},
                within(1e-12));
    }

    @Test
    void fewDistinctValuesGiveTheInteriorValues() {
        // rcspline.eval(rep(1:5, 3), nk = 4, knots.only = TRUE)
        double[] x = IntStream.range(0, 15).mapToDouble(i -> i % 5 + 1).toArray();

        assertThat(RestrictedCubicSpline.defaultKnots(x, 4)).containsExactly(2, 3, 4);
    }

    @Test
    void basisMatchesRcsplineEval() {
        // rcspline.eval(c(-1, 2.5, 7, 13), knots = c(1, 3, 6, 10), inclx = TRUE)
        double[] knots = {1, 3, 6, 10};

        assertThat(RestrictedCubicSpline.basis(-1, knots)).containsExactly(new double[] {-1, 0, 0}, within(1e-12));
        assertThat(RestrictedCubicSpline.basis(2.5, knots))
                .containsExactly(new double[] {2.5, 0.0416666666666667, 0}, within(1e-12));
        assertThat(RestrictedCubicSpline.basis(7, knots))
                .containsExactly(new double[] {7, 2.6388888888888897, 0.768518518518519}, within(1e-12));
        assertThat(RestrictedCubicSpline.basis(13, knots))
                .containsExactly(new double[] {13, 12.2222222222222232, 5.185185185185190}, within(1e-12));
    }

    @Test
    void refusesTooFewValuesOrKnots() {
        assertThatThrownBy(() -> RestrictedCubicSpline.defaultKnots(new double[] {1, 2, 3, 4, 5}, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestrictedCubicSpline.defaultKnots(sessions, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestrictedCubicSpline.basis(1, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
