package org.balintobservatory.contract.access;

/**
 * An administrator registered an institution of the consortium; SCHOOL keys can be issued for it.
 *
 * @param name    the institution's name as the consortium writes it
 * @param country ISO 3166-1 alpha-2 code
 */
public record InstitutionRegisteredEvent(String institutionId, String name, String country) {
}
