package org.balintobservatory.analytics.unit;

/**
 * Sufficient statistics of paired scores (x = earlier timepoint, y = later one), small enough to store
 * in a document and updated one pair at a time.
 *
 * <p>With n pairs: {@code meanFrom} = Σx/n, {@code meanTo} = Σy/n, {@code m2From} = Σ(x − x̄)²,
 * {@code m2To} = Σ(y − ȳ)², {@code coMoment} = Σ(x − x̄)(y − ȳ). Adding uses Welford's update
 * (C ← C + (x − x̄ₙ₋₁)(y − ȳₙ)); removing inverts it exactly; merging uses Chan, Golub and LeVeque
 * (1979): C = C_a + C_b + δx·δy·n_a·n_b/n. The empty accumulator is all zeros.
 */
public record PairedMoments(long n, double meanFrom, double meanTo, double m2From, double m2To, double coMoment) {

    public static final PairedMoments EMPTY = new PairedMoments(0, 0, 0, 0, 0, 0);

    public PairedMoments add(double x, double y) {
        long n1 = n + 1;
        double dx = x - meanFrom;
        double dy = y - meanTo;
        double mx = meanFrom + dx / n1;
        double my = meanTo + dy / n1;
        return new PairedMoments(n1, mx, my, m2From + dx * (x - mx), m2To + dy * (y - my), coMoment + dx * (y - my));
    }

    /**
     * Takes one pair out again; the caller guarantees it was added before.
     *
     * @throws IllegalStateException when there is nothing to remove
     */
    public PairedMoments remove(double x, double y) {
        if (n == 0) {
            throw new IllegalStateException("no pair to remove");
        }
        if (n == 1) {
            // Exact zeros rather than rounding residue: an emptied unit must equal one never filled.
            return EMPTY;
        }
        long n0 = n - 1;
        double mx = (n * meanFrom - x) / n0;
        double my = (n * meanTo - y) / n0;
        double dx = x - mx;
        double dy = y - my;
        return new PairedMoments(n0, mx, my,
                Math.max(0, m2From - dx * (x - meanFrom)),
                Math.max(0, m2To - dy * (y - meanTo)),
                coMoment - dx * (y - meanTo));
    }

    public PairedMoments merge(PairedMoments other) {
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            return other;
        }
        long total = n + other.n;
        double dx = other.meanFrom - meanFrom;
        double dy = other.meanTo - meanTo;
        double weight = (double) n * other.n / total;
        return new PairedMoments(total,
                meanFrom + dx * other.n / total,
                meanTo + dy * other.n / total,
                m2From + other.m2From + dx * dx * weight,
                m2To + other.m2To + dy * dy * weight,
                coMoment + other.coMoment + dx * dy * weight);
    }

    /** Sample SD of the earlier scores, {@code null} below two pairs. */
    public Double sdFrom() {
        return n < 2 ? null : Math.sqrt(m2From / (n - 1));
    }

    /** Sample SD of the later scores, {@code null} below two pairs. */
    public Double sdTo() {
        return n < 2 ? null : Math.sqrt(m2To / (n - 1));
    }

    /** Pearson's r between earlier and later scores, {@code null} below two pairs or with no spread. */
    public Double correlation() {
        if (n < 2 || m2From <= 0 || m2To <= 0) {
            return null;
        }
        return coMoment / Math.sqrt(m2From * m2To);
    }

    /** Mean of the change y − x. */
    public double meanChange() {
        return meanTo - meanFrom;
    }

    /** Sample SD of the change: √((m2From + m2To − 2·coMoment)/(n − 1)), {@code null} below two pairs. */
    public Double sdChange() {
        return n < 2 ? null : Math.sqrt(Math.max(0, m2From + m2To - 2 * coMoment) / (n - 1));
    }
}
