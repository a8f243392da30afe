package org.balintobservatory.metaanalysis.robust;

/**
 * A coefficient with its cluster-robust (CR2) test, as {@code clubSandwich::coef_test(vcov = "CR2")}
 * prints it.
 *
 * @param name      coefficient name
 * @param estimate  the model's estimate (cluster-robust inference does not change it)
 * @param se        CR2 standard error
 * @param statistic {@code estimate / se}, tested against t(df)
 * @param df        Satterthwaite degrees of freedom (Pustejovsky &amp; Tipton, 2018)
 * @param pValue    two-sided p-value from t(df)
 * @param ciLower   {@code estimate - t_(1-alpha/2, df) se}
 * @param ciUpper   {@code estimate + t_(1-alpha/2, df) se}
 */
public record RobustCoefficient(String name, double estimate, double se, double statistic, double df, double pValue,
                                double ciLower, double ciUpper) {
}
