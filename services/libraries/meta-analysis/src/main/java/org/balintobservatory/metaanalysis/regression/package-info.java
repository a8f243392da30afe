/**
 * Mixed-effects meta-regression, as metafor's {@code rma(yi, vi, mods = ~ ...)} with
 * {@code predict.rma} for new moderator values and Raudenbush's (2009) pseudo R^2
 * ({@link org.balintobservatory.metaanalysis.regression.MetaRegression}), and subgroup analysis
 * ({@link org.balintobservatory.metaanalysis.regression.SubgroupAnalysis}), whose test of subgroup
 * differences is the meta-regression on the levels' indicators (Viechtbauer, 2010, J Stat Softw
 * 36(3), section 3.3).
 */
package org.balintobservatory.metaanalysis.regression;
