package org.balintobservatory.support.domain;

import java.util.List;

/**
 * A well-formed request broke one or more named business rules. Answered with 422 and every violation
 * found at once, so a school fixing an export sees all of its problems in one answer rather than one per
 * attempt.
 */
public class RuleViolationException extends RuntimeException {

    private final transient List<Violation> violations;

    public RuleViolationException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public RuleViolationException(String field, String rule, String message) {
        this(List.of(new Violation(field, rule, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The field of the first violation. */
    public String field() {
        return violations.get(0).field();
    }

    /** The rule of the first violation. */
    public String rule() {
        return violations.get(0).rule();
    }

    private static String summary(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one rule");
        }
        if (violations.size() == 1) {
            return violations.get(0).message();
        }
        return String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList());
    }
}
