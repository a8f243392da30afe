package org.balintobservatory.support.domain;

/** The resource does not exist for the calling institution. Answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
