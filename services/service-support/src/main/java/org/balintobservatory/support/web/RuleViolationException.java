package org.balintobservatory.support.web;

/**
 * A request that is well-formed but breaks a named business rule. Answered with 422 and a problem
 * detail naming the field and the rule.
 */
public class RuleViolationException extends RuntimeException {

    private final String field;
    private final String rule;

    public RuleViolationException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
