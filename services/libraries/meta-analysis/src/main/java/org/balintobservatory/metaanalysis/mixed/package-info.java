/**
 * One-stage models of individual participants' data: the linear mixed model with random intercepts
 * for institutions and groups nested in them, as {@code lme4::lmer(y ~ x + (1 | institution/group))}
 * with lmerTest's Satterthwaite degrees of freedom, and the restricted cubic spline basis of
 * {@code rms::rcs} for dose-response curves.
 *
 * <p>Two-stage analyses (the {@code randomeffects}, {@code regression} and {@code multilevel}
 * packages) reduce each group to one effect size and pool those; a one-stage model fits every
 * participant at once, which is what separates the within-group relation of a participant-level
 * covariate (the sessions one attended) from the across-group relation of its group mean (Riley et
 * al. 2020, Stat Med 39(15):2115&ndash;2137; Burke, Ensor &amp; Riley 2017, Stat Med
 * 36(5):855&ndash;875).
 *
 * <p>Entry points: {@link org.balintobservatory.metaanalysis.mixed.NestedInterceptModel#fit} on
 * {@link org.balintobservatory.metaanalysis.mixed.ClusterStatistics}, the sufficient statistics of
 * each group, so that neither the fit nor what it is given holds a participant's row; and
 * {@link org.balintobservatory.metaanalysis.mixed.RestrictedCubicSpline}.
 */
package org.balintobservatory.metaanalysis.mixed;
