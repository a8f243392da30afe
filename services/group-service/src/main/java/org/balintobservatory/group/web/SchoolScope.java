package org.balintobservatory.group.web;

import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.ForbiddenException;

/**
 * The institution a request writes to or reads from: always the caller's own, from its API key. Keys
 * without an institution (researchers, admins) have no group data of their own here.
 */
public final class SchoolScope {

    private SchoolScope() {
    }

    public static String institution(Caller caller) {
        if (caller.institutionId() == null || caller.institutionId().isBlank()) {
            throw new ForbiddenException("key " + caller.keyId() + " belongs to no institution; use a school's key");
        }
        return caller.institutionId();
    }
}
