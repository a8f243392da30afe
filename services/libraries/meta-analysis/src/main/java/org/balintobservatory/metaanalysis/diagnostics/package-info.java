/**
 * Robustness and small-study diagnostics of the random-effects model, as metafor's
 * {@code leave1out}, {@code influence}, {@code baujat}, {@code regtest}, {@code trimfill} and
 * {@code cumul} (Viechtbauer &amp; Cheung, 2010, Res Synth Methods 1(2); Egger et al., 1997, BMJ 315;
 * Duval &amp; Tweedie, 2000, Biometrics 56(2)), all from {@link org.balintobservatory.metaanalysis.diagnostics.Diagnostics}.
 */
package org.balintobservatory.metaanalysis.diagnostics;
