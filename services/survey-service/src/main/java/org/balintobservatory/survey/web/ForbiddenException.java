package org.balintobservatory.survey.web;

/** The caller is authenticated but its role may not do this. Answered with 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
