package org.balintobservatory.support.web;

/**
 * One reason a request was refused, listed under {@code errors} in the problem detail.
 *
 * @param field   JSON path of the offending field, e.g. {@code attendance[2].status}
 * @param rule    the rule's name, e.g. {@code not-in-future}
 * @param message what is wrong, for a person
 */
public record FieldError(String field, String rule, String message) {
}
