package org.balintobservatory.metaanalysis.diagnostics;

/**
 * One study's residual and influence on a random-effects model, as metafor's
 * {@code rstandard()}, {@code influence()} and {@code baujat()} report them. The subscript (-i)
 * marks the model fitted without study i; {@code s2w} is the Knapp-Hartung factor (1 under z).
 *
 * @param index        the study's position in the input
 * @param residual     {@code y_i - b}
 * @param residualSe   {@code sqrt(v_i + tau^2 - 1/sum w)}, the standard error of the residual
 * @param standardized {@code residual / residualSe} ({@code rstandard()$z})
 * @param rstudent     externally standardised residual
 *                     {@code (y_i - b_(-i)) / sqrt(s2w_(-i) (v_i + tau^2_(-i)) + se_(-i)^2)}
 * @param dffits       {@code (b - b_(-i)) / sqrt(s2w_(-i) h_i (tau^2_(-i) + v_i))}
 * @param cooksDistance {@code (b - b_(-i))^2 / Var(b)}
 * @param covarianceRatio {@code Var(b_(-i)) / Var(b)}
 * @param tau2Deleted  {@code tau^2_(-i)}
 * @param qDeleted     Cochran's Q without the study
 * @param hat          leverage {@code h_i = w_i / sum w}
 * @param weight       the study's weight in percent, {@code 100 w_i / sum w}
 * @param dfbetas      {@code (b - b_(-i)) / sqrt(s2w_(-i) / sum_j 1/(v_j + tau^2_(-i)))}
 * @param baujatX      contribution to heterogeneity {@code (y_i - b)^2 / (tau^2 + v_i)} (Baujat et
 *                     al., 2002, Stat Med 21(18))
 * @param baujatY      influence on the overall result {@code (b_(-i) - b)^2 / se_(-i)^2}
 * @param influential  metafor's flag: {@code |dffits| > 3 sqrt(p/(k-p))}, Cook's distance above the
 *                     median of chi-square(1), {@code h_i > 3p/k} or {@code |dfbetas| > 1}
 */
public record InfluenceRow(int index, double residual, double residualSe, double standardized, double rstudent,
                           double dffits, double cooksDistance, double covarianceRatio, double tau2Deleted,
                           double qDeleted, double hat, double weight, double dfbetas, double baujatX, double baujatY,
                           boolean influential) {
}
