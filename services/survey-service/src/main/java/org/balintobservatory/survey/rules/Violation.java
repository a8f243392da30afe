package org.balintobservatory.survey.rules;

/**
 * One broken rule, in the shape the API reports it.
 *
 * @param field   JSON path of the offending field, e.g. {@code items.7} or {@code scales[1].items}
 * @param rule    the rule's stable kebab-case name, e.g. {@code item-in-range}
 * @param message what is wrong, for a person
 */
public record Violation(String field, String rule, String message) {
}
