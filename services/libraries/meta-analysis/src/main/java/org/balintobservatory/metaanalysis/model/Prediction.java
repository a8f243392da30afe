package org.balintobservatory.metaanalysis.model;

import org.balintobservatory.metaanalysis.numerics.Distributions;
import org.balintobservatory.metaanalysis.numerics.LinearAlgebra;

/**
 * Predicted (average) true effect with confidence and prediction interval, as metafor's
 * {@code predict.rma}.
 *
 * <p>The prediction interval is {@code pred +- crit * sqrt(se^2 + tau^2)}, with {@code crit} the
 * normal quantile under z tests and the t(k - p) quantile under Knapp-Hartung (metafor's default
 * {@code pi.type}); it estimates where the true effect of a new comparable study would lie.
 *
 * @param estimate         predicted average effect {@code x'b}
 * @param se               its standard error {@code sqrt(x' V_b x)}
 * @param ciLower          lower confidence bound
 * @param ciUpper          upper confidence bound
 * @param predictionLower  lower prediction bound
 * @param predictionUpper  upper prediction bound
 */
public record Prediction(
        double estimate, double se, double ciLower, double ciUpper, double predictionLower, double predictionUpper) {

    /**
     * {@code pred = x'b}, {@code se = sqrt(x' V_b x)}, {@code pred +- crit se} and
     * {@code pred +- crit sqrt(se^2 + tau^2)}, {@code crit} from the normal or t(df).
     *
     * @param moderatorValues the p - 1 non-intercept values (the intercept is added)
     */
    public static Prediction of(boolean estimable, java.util.List<Coefficient> coefficients, double[][] covariance,
                         TestType test, double df, double level, double tau2, double... moderatorValues) {
        int p = coefficients.size();
        if (moderatorValues.length != p - 1) {
            throw new IllegalArgumentException("expected " + (p - 1) + " moderator values, got " + moderatorValues.length);
        }
        if (!estimable) {
            return new Prediction(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] row = new double[p];
        row[0] = 1;
        System.arraycopy(moderatorValues, 0, row, 1, p - 1);
        double estimate = 0;
        for (int j = 0; j < p; j++) {
            estimate += row[j] * coefficients.get(j).estimate();
        }
        double alpha = (100 - level) / 100;
        double critical = test == TestType.KNHA ? Distributions.tCritical(alpha, df) : Distributions.normalCritical(alpha);
        double standardError = Math.sqrt(LinearAlgebra.quadraticForm(row, covariance));
        double predictionSe = Math.sqrt(standardError * standardError + tau2);
        return new Prediction(estimate, standardError,
                estimate - critical * standardError, estimate + critical * standardError,
                estimate - critical * predictionSe, estimate + critical * predictionSe);
    }
}
