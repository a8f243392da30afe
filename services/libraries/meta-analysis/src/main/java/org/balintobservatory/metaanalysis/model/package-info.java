/**
 * Fixed-effect, random-effects and mixed-effects meta-regression models that reproduce metafor's
 * {@code rma.uni} and {@code predict.rma} (Viechtbauer, W. (2010). Conducting meta-analyses in R
 * with the metafor package. <i>J Stat Softw, 36</i>(3)).
 *
 * <p>Entry points, all static and side-effect free:
 * <ul>
 *   <li>{@link org.balintobservatory.metaanalysis.model.RandomEffectsModel#fit(double[], double[], ModelOptions)}:
 *       pooled effect, tau^2, Q, I^2, H^2, prediction interval;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.model.MetaRegression#fit(double[], double[], double[][], java.util.List, ModelOptions)}:
 *       coefficients, QM, QE, residual tau^2, R^2, predictions for new moderator values;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.model.SubgroupAnalysis#fit(double[], double[], java.util.List, ModelOptions)}:
 *       a model per level plus the test of subgroup differences;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.model.MultilevelModel#fit(double[], double[], java.util.List, java.util.List, double[][], java.util.List, ModelOptions)}:
 *       groups nested in institutions, as {@code rma.mv(random = ~ 1 | institution/group)}, with
 *       sigma^2 and I^2 per level;</li>
 *   <li>{@link org.balintobservatory.metaanalysis.model.ClusterRobust}: CR2 cluster-robust tests with
 *       Satterthwaite degrees of freedom and the HTZ Wald test, as clubSandwich (Pustejovsky &amp;
 *       Tipton, 2018);</li>
 *   <li>{@link org.balintobservatory.metaanalysis.model.Diagnostics}: leave-one-out, influence,
 *       Baujat coordinates, Egger's regression test, trim-and-fill and cumulative meta-analysis, as
 *       metafor's {@code leave1out}, {@code influence}, {@code baujat}, {@code regtest},
 *       {@code trimfill} and {@code cumul}.</li>
 * </ul>
 *
 * <p>References for the formulas in the class documentation: REML by Fisher scoring, Viechtbauer
 * (2005), J Educ Behav Stat 30(3), 261&ndash;293; DerSimonian &amp; Laird (1986), Control Clin
 * Trials 7(3), 177&ndash;188; Knapp &amp; Hartung (2003), Stat Med 22(17), 2693&ndash;2710;
 * I^2 and H^2, Higgins &amp; Thompson (2002), Stat Med 21(11), 1539&ndash;1558; pseudo R^2,
 * Raudenbush (2009) in The Handbook of Research Synthesis and Meta-Analysis; three-level models,
 * Konstantopoulos (2011), Res Synth Methods 2(1), 61&ndash;76, with I^2 per level by Cheung (2014),
 * Psychol Methods 19(2), 211&ndash;229.
 *
 * <p>Every result is an immutable record that carries the studies it excluded and plain-language
 * notes; degenerate input yields a result marked not estimable rather than an exception.
 * {@link java.lang.IllegalArgumentException} is reserved for programming errors such as arrays of
 * different lengths.
 */
package org.balintobservatory.metaanalysis.model;
