package org.balintobservatory.metaanalysis.diagnostics;

import java.util.List;

/**
 * Egger's regression test for funnel-plot asymmetry in its random-effects form (Egger et al., 1997,
 * BMJ 315; Sterne &amp; Egger, 2005), as metafor's {@code regtest(res)}: the model
 * {@code rma(yi, vi, mods = ~ sqrt(vi))}; the test of the {@code sei} coefficient asks whether
 * smaller studies (larger standard errors) show different effects. A small-study diagnostic: the
 * asymmetry can come from heterogeneity as well as from selective publication.
 *
 * @param estimable   whether the test could be computed
 * @param statistic   z (or t under Knapp-Hartung) of the {@code sei} coefficient
 * @param df          t degrees of freedom k - 2 under Knapp-Hartung; {@code NaN} for z
 * @param pValue      its two-sided p-value
 * @param slope       the {@code sei} coefficient
 * @param limitEstimate the intercept: the effect predicted for an infinitely precise study
 * @param limitLower  its lower confidence bound
 * @param limitUpper  its upper confidence bound
 * @param notes       explanations
 */
public record EggerTest(boolean estimable, double statistic, double df, double pValue, double slope,
                        double limitEstimate, double limitLower, double limitUpper, List<String> notes) {

    public EggerTest {
        notes = List.copyOf(notes);
    }
}
