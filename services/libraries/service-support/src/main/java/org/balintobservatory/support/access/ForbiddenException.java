package org.balintobservatory.support.access;

/** The key is valid but its role may not do this. Answered with 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
