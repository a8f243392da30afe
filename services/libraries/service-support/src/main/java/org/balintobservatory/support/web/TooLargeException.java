package org.balintobservatory.support.web;

/** A request over a limit of its endpoint (a batch of too many lines, say). Answered with 413, storing nothing. */
public class TooLargeException extends RuntimeException {

    private final String type;

    /** @param type the problem type, e.g. {@code batch-too-large} */
    public TooLargeException(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
