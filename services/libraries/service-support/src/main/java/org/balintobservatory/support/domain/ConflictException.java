package org.balintobservatory.support.domain;

import java.util.Map;

/**
 * The client-chosen id is already taken by a different payload. Answered with 409 and a summary of what
 * is stored under that id, so the caller can tell a retry from a clash.
 */
public class ConflictException extends RuntimeException {

    private final transient Map<String, Object> stored;

    public ConflictException(String message, Map<String, Object> stored) {
        super(message);
        this.stored = Map.copyOf(stored);
    }

    public Map<String, Object> stored() {
        return stored;
    }
}
