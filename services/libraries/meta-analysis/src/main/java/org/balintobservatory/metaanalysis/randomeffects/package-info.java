/**
 * The fixed-effect and random-effects model without moderators, as metafor's {@code rma.uni(yi, vi)}
 * and {@code predict.rma} (Viechtbauer, 2010, J Stat Softw 36(3)): pooled effect, tau^2, Q, I^2, H^2
 * and prediction interval, from
 * {@link org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel#fit(double[], double[],
 * org.balintobservatory.metaanalysis.model.ModelOptions)}.
 */
package org.balintobservatory.metaanalysis.randomeffects;
