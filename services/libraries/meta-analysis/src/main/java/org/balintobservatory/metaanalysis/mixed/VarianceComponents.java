package org.balintobservatory.metaanalysis.mixed;

/**
 * The variances of a fitted {@link NestedInterceptModel}, as {@code VarCorr(fit)} prints them, and
 * the intraclass correlations they imply.
 *
 * @param outer     {@code sigma_out^2}, the variance of the outer clusters' (institutions')
 *                  intercepts; 0 when the model has no outer level
 * @param inner     {@code sigma_in^2}, the variance of the inner clusters' (groups') intercepts
 * @param residual  {@code sigma^2}, the participants' residual variance
 * @param iccOuter  {@code sigma_out^2 / (sigma_out^2 + sigma_in^2 + sigma^2)}: the correlation of two
 *                  participants of one outer cluster in different inner clusters, and the share of
 *                  the total variance at the outer level
 * @param iccInner  {@code (sigma_out^2 + sigma_in^2) / (sigma_out^2 + sigma_in^2 + sigma^2)}: the
 *                  correlation of two participants of the same inner cluster (Snijders &amp; Bosker
 *                  2012, sec. 4.9)
 */
public record VarianceComponents(double outer, double inner, double residual, double iccOuter, double iccInner) {

    static VarianceComponents of(double outer, double inner, double residual) {
        double total = outer + inner + residual;
        return new VarianceComponents(outer, inner, residual, outer / total, (outer + inner) / total);
    }
}
