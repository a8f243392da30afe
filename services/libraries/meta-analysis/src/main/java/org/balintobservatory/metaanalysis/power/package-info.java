/**
 * Power planning for the consortium's tests (Hedges &amp; Pigott 2001, Psychol Methods 6:203&ndash;217;
 * Hedges &amp; Pigott 2004, Psychol Methods 9:426&ndash;445): the power to detect a stated mean effect,
 * difference between moderator levels or meta-regression slope with the units a consortium has, and how
 * many more units like them it would need for a target power.
 *
 * <p>Entry points, all static and side-effect free: {@link org.balintobservatory.metaanalysis.power.PowerAnalysis}
 * and the noncentral chi-square distribution {@link org.balintobservatory.metaanalysis.power.NoncentralChiSquared}.
 * Inputs are what a fitted model already has: the units' sampling variances and the residual tau^2.
 */
package org.balintobservatory.metaanalysis.power;
