/**
 * What every two-stage model family shares: the options of a fit ({@link ModelOptions},
 * {@link EstimationMethod}, {@link TestType}), the pieces of every result ({@link Coefficient},
 * {@link Prediction}, {@link ExcludedStudy}), and the estimation core the families build on.
 * {@link MixedEffectsEngine} fits {@code y_i = x_i'beta + u_i + e_i} as metafor's {@code rma.uni}
 * (Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. <i>J Stat Softw,
 * 36</i>(3)), {@link StudyFilter} decides which studies a model can use, and {@link ModelFit} holds
 * what a fit computed, from which each family builds its immutable result.
 *
 * <p>The families are the subpackages beside this one: {@code randomeffects} (the pooled effect),
 * {@code regression} (meta-regression and subgroup analysis), {@code diagnostics} (leave-one-out,
 * influence and small-study tests), {@code multilevel} (groups nested in institutions, as
 * {@code rma.mv}) and {@code robust} (CR2 cluster-robust tests, as clubSandwich).
 * {@link ModelFit}, {@link MixedEffectsEngine}, {@link StudyFilter} and {@link WeightedFit} are
 * public so that those packages can build on them; callers use the families' entry points.
 *
 * <p>References for the formulas in the class documentation: REML by Fisher scoring, Viechtbauer
 * (2005), J Educ Behav Stat 30(3), 261&ndash;293; DerSimonian &amp; Laird (1986), Control Clin
 * Trials 7(3), 177&ndash;188; Knapp &amp; Hartung (2003), Stat Med 22(17), 2693&ndash;2710;
 * I^2 and H^2, Higgins &amp; Thompson (2002), Stat Med 21(11), 1539&ndash;1558.
 *
 * <p>Every result is an immutable record that carries the studies it excluded and plain-language
 * notes; degenerate input yields a result marked not estimable rather than an exception.
 * {@link java.lang.IllegalArgumentException} is reserved for programming errors such as arrays of
 * different lengths.
 */
package org.balintobservatory.metaanalysis.model;
