package org.balintobservatory.benchmark;

import java.util.Arrays;
import java.util.Collection;

/**
 * A summary of repeated measurements. Percentiles are nearest-rank (the smallest sample with at least p %
 * of the samples at or below it), so every figure reported is one that was actually observed; with fewer
 * than 100 samples p99 is therefore the maximum.
 */
public record Distribution(int n, double min, double median, double p99, double max) {

    public static Distribution of(Collection<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Distribution(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    @Override
    public String toString() {
        return "n=" + n + " " + Arrays.toString(new double[]{min, median, p99, max});
    }
}
