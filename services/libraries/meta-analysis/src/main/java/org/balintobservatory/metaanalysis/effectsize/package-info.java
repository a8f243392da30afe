/**
 * Standardized effect sizes with their sampling variances, computed exactly as metafor's
 * {@code escalc} with its default {@code vtype = "LS"}.
 *
 * <ul>
 *   <li>{@link org.balintobservatory.metaanalysis.effectsize.EffectMeasure#SMCR}: standardized mean
 *       change with raw-score (pre-test SD) standardization (Becker, 1988; Morris, 2000, 2008);</li>
 *   <li>{@link org.balintobservatory.metaanalysis.effectsize.EffectMeasure#SMCC}: standardized mean
 *       change with change-score standardization (Gibbons, Hedeker &amp; Davis, 1993);</li>
 *   <li>{@link org.balintobservatory.metaanalysis.effectsize.EffectMeasure#SMD}: bias-corrected
 *       standardized mean difference between two independent groups, Hedges' g (Hedges, 1981).</li>
 * </ul>
 *
 * <p>Inputs from which metafor would return {@code NA} (too small samples, zero or negative
 * standard deviations, correlations outside [-1, 1], non-finite numbers) give an
 * {@link org.balintobservatory.metaanalysis.effectsize.EffectSize} that is not computable and
 * names the reason, so that a pooled analysis can exclude the study visibly instead of failing.
 */
package org.balintobservatory.metaanalysis.effectsize;
