package org.balintobservatory.group.web;

/** The caller is authenticated but its key may not do this. Answered with 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
