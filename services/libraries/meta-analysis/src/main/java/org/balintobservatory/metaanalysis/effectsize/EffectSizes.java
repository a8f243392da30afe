package org.balintobservatory.metaanalysis.effectsize;

import org.apache.commons.numbers.gamma.LogGamma;
import org.balintobservatory.metaanalysis.moments.PairedMoments;

/**
 * Effect-size calculators reproducing metafor's {@code escalc} (Viechtbauer, 2010, J Stat Softw
 * 36(3)) with its default large-sample variances ({@code vtype = "LS"}).
 *
 * <p>None of these methods throws for bad data: inputs for which metafor returns {@code NA} or
 * stops give a not-computable {@link EffectSize} carrying the reason, so that a pooled analysis
 * can report the study as excluded.
 */
public final class EffectSizes {

    private EffectSizes() {
    }

    /**
     * Exact small-sample bias correction of Hedges (1981),
     * {@code J(m) = exp(lgamma(m/2) - log(sqrt(m/2)) - lgamma((m-1)/2))}, i.e.
     * {@code Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2))}, as metafor's {@code .cmicalc}.
     *
     * <p>The common approximation {@code 1 - 3/(4m - 1)} is not used because metafor uses the exact
     * form and the two differ in the fourth decimal for small samples.
     *
     * @param m degrees of freedom ({@code n - 1} for the paired measures, {@code n1 + n2 - 2} for SMD)
     * @return the correction factor in (0, 1); {@code NaN} for {@code m <= 1}, where metafor also
     *         returns {@code NA}
     */
    public static double biasCorrection(double m) {
        if (!(m > 1)) {
            return Double.NaN;
        }
        return Math.exp(LogGamma.value(m / 2) - Math.log(Math.sqrt(m / 2)) - LogGamma.value((m - 1) / 2));
    }

    /**
     * Standardized mean change with raw-score standardization (metafor {@code measure = "SMCR"};
     * Becker, 1988; Morris, 2000, 2008), as
     * {@code escalc(measure="SMCR", m1i=meanTo, m2i=meanFrom, sd1i=sdFrom, ni=n, ri=r)}:
     * <pre>
     *   yi = J(n - 1) * (meanTo - meanFrom) / sdFrom
     *   vi = 2 (1 - r) / n + yi^2 / (2 n)
     * </pre>
     * The variance is Becker's (1988) large-sample approximation as implemented by metafor &ge; 2.0
     * ({@code vtype = "LS"}).
     *
     * <p>Not computable, with the reason given, when {@code n < 3} (J(n-1) is undefined for
     * {@code n <= 2}; metafor returns {@code NA}), when {@code sdFrom <= 0}, when {@code r} lies
     * outside [-1, 1], or when an input is not finite.
     *
     * @param n        number of participants measured twice
     * @param meanFrom mean of the first (pre) measurement
     * @param meanTo   mean of the second (post) measurement
     * @param sdFrom   standard deviation of the first measurement ({@code n - 1} denominator)
     * @param r        correlation between the two measurements
     * @return the effect size, or a not-computable one with its reason
     */
    public static EffectSize smcr(long n, double meanFrom, double meanTo, double sdFrom, double r) {
        EffectMeasure measure = EffectMeasure.SMCR;
        if (n < 3) {
            return EffectSize.excluded(measure, n, n, "SMCR needs at least 3 pairs, got " + n
                    + " (the bias correction J(n-1) is undefined for n <= 2)");
        }
        if (!Double.isFinite(meanFrom) || !Double.isFinite(meanTo)) {
            return EffectSize.excluded(measure, n, n, "SMCR needs finite means");
        }
        if (!Double.isFinite(sdFrom) || sdFrom <= 0) {
            return EffectSize.excluded(measure, n, n,
                    "SMCR needs a positive pre-measurement standard deviation, got " + sdFrom);
        }
        String correlationProblem = checkCorrelation(r);
        if (correlationProblem != null) {
            return EffectSize.excluded(measure, n, n, "SMCR " + correlationProblem);
        }
        double yi = biasCorrection(n - 1) * (meanTo - meanFrom) / sdFrom;
        double vi = 2 * (1 - r) / n + yi * yi / (2.0 * n);
        return EffectSize.computed(measure, yi, vi, n, n);
    }

    /**
     * SMCR from accumulated pairs: {@link #smcr(long, double, double, double, double)} with the
     * accumulator's count, means, pre-measurement SD and correlation.
     *
     * @param moments accumulated {@code (from, to)} pairs
     * @return the effect size, or a not-computable one with its reason (for example no spread in
     *         either measurement, which leaves the correlation undefined)
     */
    public static EffectSize smcr(PairedMoments moments) {
        long n = moments.count();
        if (n >= 3 && moments.sdFrom() > 0 && Double.isNaN(moments.correlation())) {
            return EffectSize.excluded(EffectMeasure.SMCR, n, n,
                    "SMCR needs the pre/post correlation, which is undefined because the post measurement has no spread");
        }
        return smcr(n, moments.meanFrom(), moments.meanTo(), moments.sdFrom(), moments.correlation());
    }

    /**
     * Standardized mean change with change-score standardization (metafor {@code measure = "SMCC"};
     * Gibbons, Hedeker &amp; Davis, 1993; Morris &amp; DeShon, 2002), as
     * {@code escalc(measure="SMCC", m1i=meanTo, m2i=meanFrom, sd1i=sdTo, sd2i=sdFrom, ni=n, ri=r)}:
     * <pre>
     *   sdd = sqrt(sdTo^2 + sdFrom^2 - 2 r sdTo sdFrom)
     *   yi  = J(n - 1) * (meanTo - meanFrom) / sdd
     *   vi  = 1 / n + yi^2 / (2 n)
     * </pre>
     *
     * <p>Not computable, with the reason given, when {@code n < 3}, when a standard deviation is
     * negative or not finite, when {@code r} lies outside [-1, 1], or when the change scores have
     * no spread ({@code sdd <= 0}, e.g. {@code r = 1} with equal SDs).
     *
     * @param n        number of participants measured twice
     * @param meanFrom mean of the first (pre) measurement
     * @param meanTo   mean of the second (post) measurement
     * @param sdFrom   standard deviation of the first measurement
     * @param sdTo     standard deviation of the second measurement
     * @param r        correlation between the two measurements
     * @return the effect size, or a not-computable one with its reason
     */
    public static EffectSize smcc(long n, double meanFrom, double meanTo, double sdFrom, double sdTo, double r) {
        EffectMeasure measure = EffectMeasure.SMCC;
        if (n < 3) {
            return EffectSize.excluded(measure, n, n, "SMCC needs at least 3 pairs, got " + n
                    + " (the bias correction J(n-1) is undefined for n <= 2)");
        }
        if (!Double.isFinite(meanFrom) || !Double.isFinite(meanTo)) {
            return EffectSize.excluded(measure, n, n, "SMCC needs finite means");
        }
        if (!Double.isFinite(sdFrom) || !Double.isFinite(sdTo) || sdFrom < 0 || sdTo < 0) {
            return EffectSize.excluded(measure, n, n,
                    "SMCC needs non-negative standard deviations, got " + sdFrom + " and " + sdTo);
        }
        String correlationProblem = checkCorrelation(r);
        if (correlationProblem != null) {
            return EffectSize.excluded(measure, n, n, "SMCC " + correlationProblem);
        }
        double varianceOfChange = sdTo * sdTo + sdFrom * sdFrom - 2 * r * sdTo * sdFrom;
        return smccFromChange(n, meanTo - meanFrom, varianceOfChange);
    }

    /**
     * SMCC from accumulated pairs. The change-score SD is taken directly from the accumulator's
     * moments, so the measure stays computable when one measurement has no spread (where the
     * correlation is undefined but the change SD is not).
     *
     * @param moments accumulated {@code (from, to)} pairs
     * @return the effect size, or a not-computable one with its reason
     */
    public static EffectSize smcc(PairedMoments moments) {
        long n = moments.count();
        if (n < 3) {
            return EffectSize.excluded(EffectMeasure.SMCC, n, n, "SMCC needs at least 3 pairs, got " + n
                    + " (the bias correction J(n-1) is undefined for n <= 2)");
        }
        double sdChange = moments.sdChange();
        return smccFromChange(n, moments.meanChange(), sdChange * sdChange);
    }

    private static EffectSize smccFromChange(long n, double meanChange, double varianceOfChange) {
        if (!(varianceOfChange > 0)) {
            return EffectSize.excluded(EffectMeasure.SMCC, n, n,
                    "SMCC needs change scores with spread, but their standard deviation is 0");
        }
        double yi = biasCorrection(n - 1) * meanChange / Math.sqrt(varianceOfChange);
        double vi = 1.0 / n + yi * yi / (2.0 * n);
        return EffectSize.computed(EffectMeasure.SMCC, yi, vi, n, n);
    }

    /**
     * Bias-corrected standardized mean difference of two independent groups, Hedges' g (metafor
     * {@code measure = "SMD"}; Hedges, 1981), as
     * {@code escalc(measure="SMD", m1i=mean1, sd1i=sd1, n1i=n1, m2i=mean2, sd2i=sd2, n2i=n2)}:
     * <pre>
     *   m  = n1 + n2 - 2
     *   sp = sqrt(((n1 - 1) sd1^2 + (n2 - 1) sd2^2) / m)
     *   yi = J(m) * (mean1 - mean2) / sp
     *   vi = 1 / n1 + 1 / n2 + yi^2 / (2 (n1 + n2))
     * </pre>
     * with metafor's default large-sample variance ({@code vtype = "LS"}).
     *
     * <p>A group of one contributes nothing to the pooled SD ({@code n - 1 = 0}), so its
     * {@code sd} is ignored and may be {@code NaN}, as with metafor. Not computable, with the
     * reason given, when a group is empty, when {@code n1 + n2 < 4} (J(m) undefined for
     * {@code m <= 1}), when a used SD is negative or not finite, or when the pooled SD is 0.
     *
     * @param n1    size of group 1 (e.g. Balint-group participants)
     * @param mean1 mean of group 1
     * @param sd1   standard deviation of group 1
     * @param n2    size of group 2 (e.g. comparison group)
     * @param mean2 mean of group 2
     * @param sd2   standard deviation of group 2
     * @return the effect size, or a not-computable one with its reason
     */
    public static EffectSize smd(long n1, double mean1, double sd1, long n2, double mean2, double sd2) {
        EffectMeasure measure = EffectMeasure.SMD;
        if (n1 < 1 || n2 < 1) {
            return EffectSize.excluded(measure, n1, n2, "SMD needs two non-empty groups, got n1="
                    + n1 + ", n2=" + n2);
        }
        long m = n1 + n2 - 2;
        if (m < 2) {
            return EffectSize.excluded(measure, n1, n2, "SMD needs n1 + n2 >= 4, got " + (n1 + n2)
                    + " (the bias correction J(n1+n2-2) is undefined below)");
        }
        if (!Double.isFinite(mean1) || !Double.isFinite(mean2)) {
            return EffectSize.excluded(measure, n1, n2, "SMD needs finite means");
        }
        if (n1 > 1 && !(Double.isFinite(sd1) && sd1 >= 0) || n2 > 1 && !(Double.isFinite(sd2) && sd2 >= 0)) {
            return EffectSize.excluded(measure, n1, n2,
                    "SMD needs non-negative standard deviations, got " + sd1 + " and " + sd2);
        }
        double sumOfSquares = (n1 > 1 ? (n1 - 1) * sd1 * sd1 : 0.0) + (n2 > 1 ? (n2 - 1) * sd2 * sd2 : 0.0);
        if (!(sumOfSquares > 0)) {
            return EffectSize.excluded(measure, n1, n2, "SMD needs a positive pooled standard deviation, got 0");
        }
        double pooledSd = Math.sqrt(sumOfSquares / m);
        double yi = biasCorrection(m) * (mean1 - mean2) / pooledSd;
        double vi = 1.0 / n1 + 1.0 / n2 + yi * yi / (2.0 * (n1 + n2));
        return EffectSize.computed(measure, yi, vi, n1, n2);
    }

    private static String checkCorrelation(double r) {
        if (Double.isNaN(r)) {
            return "needs the pre/post correlation, got NaN";
        }
        if (r < -1 || r > 1) {
            return "needs a correlation in [-1, 1], got " + r;
        }
        return null;
    }
}
