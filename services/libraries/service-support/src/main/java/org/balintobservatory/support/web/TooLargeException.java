package org.balintobservatory.support.web;

import java.util.List;

/**
 * A request over a limit of its endpoint (a batch of too many lines, say). Answered with 413, storing nothing;
 * {@link #errors()} name the limit (its rule, e.g. {@code max-rows}) and where the request crossed it.
 */
public class TooLargeException extends RuntimeException {

    private final String type;
    private final transient List<FieldError> errors;

    /** @param type the problem type, e.g. {@code batch-too-large} */
    public TooLargeException(String type, String message) {
        this(type, message, List.of());
    }

    /**
     * @param type   the problem type, e.g. {@code sheet-too-large}
     * @param errors the limit crossed: {@code field} where, {@code rule} the limit's name
     */
    public TooLargeException(String type, String message, List<FieldError> errors) {
        super(message);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
