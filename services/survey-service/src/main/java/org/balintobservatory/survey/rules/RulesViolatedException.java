package org.balintobservatory.survey.rules;

import java.util.List;

/**
 * A request broke one or more named rules. Every violation found is reported at once, so a school
 * fixing an export sees all of its problems in one answer rather than one per attempt.
 */
public class RulesViolatedException extends RuntimeException {

    private final transient List<Violation> violations;

    public RulesViolatedException(List<Violation> violations) {
        super(summary(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one rule");
        }
        this.violations = List.copyOf(violations);
    }

    public RulesViolatedException(String field, String rule, String message) {
        this(List.of(new Violation(field, rule, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        return String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList());
    }
}
