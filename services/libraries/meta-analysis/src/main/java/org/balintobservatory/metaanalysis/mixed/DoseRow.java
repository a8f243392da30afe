package org.balintobservatory.metaanalysis.mixed;

/**
 * One participant for {@link DoseResponseModel}.
 *
 * @param outerId    the institution, or {@code null} for one level of random intercepts
 * @param innerId    the group
 * @param dose       the sessions the participant attended
 * @param outcome    the response (the post score)
 * @param covariates the other columns of X, the intercept excluded (the baseline score first, as a rule;
 *                   a group-level moderator is constant within a group)
 */
public record DoseRow(String outerId, String innerId, double dose, double outcome, double[] covariates) {
}
