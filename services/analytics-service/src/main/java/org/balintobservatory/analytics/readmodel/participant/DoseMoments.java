package org.balintobservatory.analytics.readmodel.participant;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/**
 * The paired scores of one group's participants, summed separately for each number of sessions attended:
 * for every dose d, the count n_d and the sums Σx, Σx², Σy, Σy², Σxy of the baseline x and the later score y.
 * Sessions attended is a small whole number, so these few cells are exact sufficient statistics for any model
 * whose participant-level columns are x and functions of the dose: every cross-product such a design needs is a
 * sum over the cells ({@link #sum}), and no participant's own values are kept.
 *
 * <p>Empty: n = 0, no cells. Adding is exact up to floating-point summation; two accumulators combine
 * ({@link #plus}), so a group's statistics can be built participant by participant or merged.
 */
public final class DoseMoments {

    /** One dose's sums: n, Σx, Σx², Σy, Σy², Σxy. */
    public record Cell(long n, double sumX, double sumXX, double sumY, double sumYY, double sumXY) {

        Cell plus(Cell other) {
            return new Cell(n + other.n, sumX + other.sumX, sumXX + other.sumXX, sumY + other.sumY,
                    sumYY + other.sumYY, sumXY + other.sumXY);
        }
    }

    private final TreeMap<Integer, Cell> cells = new TreeMap<>();

    /** Adds one participant: their sessions attended, baseline and later score. */
    public DoseMoments add(int dose, double baseline, double later) {
        cells.merge(dose, new Cell(1, baseline, baseline * baseline, later, later * later, baseline * later),
                Cell::plus);
        return this;
    }

    /** Adds one dose's sums, as stored. */
    public DoseMoments add(int dose, Cell cell) {
        cells.merge(dose, cell, Cell::plus);
        return this;
    }

    public DoseMoments plus(DoseMoments other) {
        DoseMoments sum = new DoseMoments();
        cells.forEach(sum::add);
        other.cells.forEach(sum::add);
        return sum;
    }

    /** The cells by dose, in dose order. */
    public Map<Integer, Cell> cells() {
        return Collections.unmodifiableMap(cells);
    }

    public long n() {
        return cells.values().stream().mapToLong(Cell::n).sum();
    }

    /** Σ_i f(d_i) over the participants: the sum of any function of the dose. */
    public double sum(IntToDoubleFunction f) {
        double total = 0;
        for (Map.Entry<Integer, Cell> e : cells.entrySet()) {
            total += e.getValue().n() * f.applyAsDouble(e.getKey());
        }
        return total;
    }

    /** Mean sessions attended, NaN when empty. */
    public double meanDose() {
        return sum(d -> d) / n();
    }

    /** Σx, Σy, Σx², Σy², Σxy over every dose. */
    public Cell total() {
        Cell total = new Cell(0, 0, 0, 0, 0, 0);
        for (Cell c : cells.values()) {
            total = total.plus(c);
        }
        return total;
    }

    /**
     * The baseline's sum of squared deviations from the group mean, Σ(x − x̄)² = Σx² − (Σx)²/n: what the
     * pooled within-group SD is built from.
     */
    public double baselineSquares() {
        Cell t = total();
        return t.n() == 0 ? 0 : t.sumXX() - t.sumX() * t.sumX() / t.n();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoseMoments other && cells.equals(other.cells);
    }

    @Override
    public int hashCode() {
        return cells.hashCode();
    }
}
