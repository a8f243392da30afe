package org.balintobservatory.metaanalysis.model;

import java.util.Objects;

/**
 * How to fit a model.
 *
 * @param method estimator of tau^2
 * @param test   test and interval type for the coefficients
 * @param level  confidence level in percent, as metafor's {@code level = 95}; a value below 1 is
 *               read as a proportion (0.95 means 95 %), and is normalized to percent here;
 *               a level outside (0, 100) is rejected with {@link IllegalArgumentException}
 */
public record ModelOptions(EstimationMethod method, TestType test, double level) {

    /** metafor's defaults: REML, z tests, 95 % intervals. */
    public static final ModelOptions DEFAULTS = new ModelOptions(EstimationMethod.REML, TestType.Z, 95);

    public ModelOptions {
        // A level outside (0, 100) would silently give a meaningless interval, so it fails here.
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(test, "test");
        if (!(level > 0 && level < 100)) {
            throw new IllegalArgumentException("level must be in (0, 100) percent, got " + level);
        }
        if (level < 1) {
            level = level * 100;
        }
    }

    /**
     * @param method estimator of tau^2
     * @param test   test type
     * @return options with a 95 % level
     */
    public static ModelOptions of(EstimationMethod method, TestType test) {
        return new ModelOptions(method, test, 95);
    }

    /**
     * @param newMethod estimator of tau^2
     * @return these options with another estimator
     */
    public ModelOptions withMethod(EstimationMethod newMethod) {
        return new ModelOptions(newMethod, test, level);
    }

    /**
     * @param newTest test type
     * @return these options with another test type
     */
    public ModelOptions withTest(TestType newTest) {
        return new ModelOptions(method, newTest, level);
    }

    /**
     * @param newLevel confidence level in percent
     * @return these options with another confidence level
     */
    public ModelOptions withLevel(double newLevel) {
        return new ModelOptions(method, test, newLevel);
    }

    /** @return the two-sided error probability {@code 1 - level/100} */
    double alpha() {
        return (100 - level) / 100;
    }
}
