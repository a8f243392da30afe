package org.balintobservatory.support.access;

/** The request carries no API key, or one this service does not know. Answered with 401. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
