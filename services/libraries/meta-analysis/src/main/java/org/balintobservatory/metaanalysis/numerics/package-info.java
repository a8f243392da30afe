/**
 * The numerics every model family shares, and the one-stage models of
 * {@code org.balintobservatory.metaanalysis.mixed} with them: small dense matrices
 * ({@link org.balintobservatory.metaanalysis.numerics.LinearAlgebra}, on EJML, with the pivoted QR
 * whose rank rule metafor's results depend on) and the tail probabilities and quantiles of the
 * normal, t, chi-square and F distributions
 * ({@link org.balintobservatory.metaanalysis.numerics.Distributions}, on Commons Statistics).
 */
package org.balintobservatory.metaanalysis.numerics;
