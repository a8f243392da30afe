package org.balintobservatory.survey.web;

import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.ForbiddenException;
import org.balintobservatory.support.access.Role;

/** Which callers may do what in the survey service. */
public final class Callers {

    private Callers() {
    }

    /** The caller's institution; only a school key writes responses, and only its own institution's. */
    public static String schoolInstitution(Caller caller) {
        if (caller.role() != Role.SCHOOL || caller.institutionId() == null) {
            throw new ForbiddenException("only a school's API key can send or change survey responses");
        }
        return caller.institutionId();
    }

    public static void requireAdmin(Caller caller) {
        if (caller.role() != Role.ADMIN) {
            throw new ForbiddenException("only an administrator's API key can register instruments");
        }
    }
}
