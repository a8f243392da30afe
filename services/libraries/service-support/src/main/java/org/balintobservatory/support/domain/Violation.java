package org.balintobservatory.support.domain;

/**
 * One broken rule, in the shape the API reports it.
 *
 * @param field   JSON path of the offending field, e.g. {@code items.7} or {@code attendance[2].status}
 * @param rule    the rule's stable kebab-case name, e.g. {@code not-in-future}
 * @param message what is wrong, for a person
 */
public record Violation(String field, String rule, String message) {
}
