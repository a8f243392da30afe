/**
 * Meta-analysis engine of the Balint Observatory.
 *
 * <p>Researchers compare how Balint-group programmes change participants (for example empathy or
 * burnout scores before and after a programme) across institutions. This module turns the
 * per-institution data into effect sizes and pools them, reproducing the numbers R's
 * <a href="https://www.metafor-project.org">metafor</a> package gives for the same input, so that
 * results shown by the platform can be checked line by line against a published analysis
 * (Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. <i>Journal of
 * Statistical Software, 36</i>(3), 1&ndash;48).
 *
 * <ul>
 *   <li>{@link org.balintobservatory.metaanalysis.moments}: mergeable, reversible sufficient
 *       statistics of paired pre/post scores, suited to event-sourced projections;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.effectsize}: standardized mean changes (SMCR,
 *       SMCC) and Hedges' g (SMD), as metafor's {@code escalc};</li>
 *   <li>{@link org.balintobservatory.metaanalysis.randomeffects}: fixed- and random-effects models, as
 *       metafor's {@code rma.uni} and {@code predict.rma};</li>
 *   <li>{@link org.balintobservatory.metaanalysis.regression}: mixed-effects meta-regression and
 *       subgroup analysis;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.diagnostics}: leave-one-out, influence and
 *       small-study diagnostics, and cumulative meta-analysis;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.multilevel}: groups nested in institutions, as
 *       {@code rma.mv};</li>
 *   <li>{@link org.balintobservatory.metaanalysis.robust}: CR2 cluster-robust tests, as clubSandwich;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.model}: the options, result types and estimation
 *       core these model families share, and {@link org.balintobservatory.metaanalysis.numerics} the
 *       linear algebra and distributions they and the one-stage models share;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.mixed}: one-stage models of individual participants'
 *       data, as {@code lme4::lmer} with lmerTest, and restricted cubic splines;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.power}: the power of the tests of a mean, a moderator and a
 *       slope with the units at hand, and the units needed for a target power (Hedges &amp; Pigott 2001,
 *       2004), with the noncentral chi-square distribution.</li>
 * </ul>
 *
 * <p>The module is plain Java without a framework; every entry point is a static method or a
 * small accumulator, and every result is an immutable record. Degenerate data (too few studies,
 * zero variances, too small samples) never throws from the analysis path: it yields a result that
 * says it is not estimable, or excludes the offending study, and explains why in its notes.
 */
package org.balintobservatory.metaanalysis;
