package org.balintobservatory.metaanalysis.model;

/** Estimator of the between-study variance tau^2, named as metafor's {@code rma(method = ...)}. */
public enum EstimationMethod {

    /**
     * Restricted maximum likelihood, found by Fisher scoring exactly as metafor does (Viechtbauer,
     * 2005, J Educ Behav Stat 30(3)): start at the Hedges-type (HE) estimate truncated at 0, step
     * {@code (y'PPy - tr(P)) / tr(PP)}, halve a step that would leave [0, inf), stop once tau^2
     * changes by at most 1e-5, give up after 100 iterations. metafor's default.
     */
    REML,

    /**
     * Maximum likelihood, by Fisher scoring as metafor: step {@code (y'PPy - sum w_i) / sum w_i^2}
     * with {@code w_i = 1/(v_i + tau^2)}, the same start, step halving and stopping rule as REML
     * (Viechtbauer, 2005). Biased downwards in small samples; offered because likelihood-ratio
     * tests between models with different moderators need it.
     */
    ML,

    /**
     * DerSimonian &amp; Laird (1986, Control Clin Trials 7(3)) method-of-moments estimator, in its
     * generalized form for meta-regression: {@code tau^2 = max(0, (Q_E - (k - p)) / tr(P))} with
     * {@code P} built from the fixed-effect weights {@code 1/v_i}.
     */
    DL,

    /**
     * Fixed- (common-) effect model: tau^2 is 0 by assumption, not estimated (metafor's "FE"/"EE").
     */
    FE
}
