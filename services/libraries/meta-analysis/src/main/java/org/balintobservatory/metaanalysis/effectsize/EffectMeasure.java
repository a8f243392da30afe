package org.balintobservatory.metaanalysis.effectsize;

/** The outcome measures this module computes, named as metafor's {@code escalc(measure = ...)}. */
public enum EffectMeasure {

    /**
     * Standardized mean change, raw-score standardization: the change is divided by the standard
     * deviation of the first (pre-test) measurement (Becker, 1988; Morris, 2008).
     */
    SMCR,

    /**
     * Standardized mean change, change-score standardization: the change is divided by the
     * standard deviation of the change scores (Gibbons, Hedeker &amp; Davis, 1993).
     */
    SMCC,

    /** Standardized mean difference between two independent groups, Hedges' g (Hedges, 1981). */
    SMD;

    /** @return {@code true} for the paired (pre/post) measures, whose sample is one group measured twice */
    public boolean isPaired() {
        return this != SMD;
    }
}
