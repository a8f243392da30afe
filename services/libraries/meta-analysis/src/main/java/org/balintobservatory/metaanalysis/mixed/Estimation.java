package org.balintobservatory.metaanalysis.mixed;

/** The likelihood a {@link NestedInterceptModel} maximises, as {@code lme4::lmer(..., REML = )}. */
public enum Estimation {

    /**
     * Restricted maximum likelihood (Patterson &amp; Thompson 1971): the likelihood of the residual
     * contrasts, which does not lose {@code p} degrees of freedom to the fixed effects; lme4's
     * default ({@code REML = TRUE}).
     */
    REML,

    /**
     * Maximum likelihood ({@code REML = FALSE}): variance components biased down by the fixed
     * effects' degrees of freedom, but likelihoods comparable between models with different fixed
     * effects.
     */
    ML
}
