package org.balintobservatory.analytics;

import org.balintobservatory.support.web.Caller;
import org.balintobservatory.support.web.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.Arrays;

/**
 * Who may read what. Schools read their own institution only, and are the only ones who see a single
 * participant; researchers read aggregates across institutions; admins run rebuilds.
 */
public final class Access {

    private Access() {
    }

    /** @throws ErrorResponseException 403 unless the caller has one of the roles */
    public static void require(Caller caller, Role... roles) {
        if (Arrays.asList(roles).contains(caller.role())) {
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "a " + caller.role() + " key may not do this; it needs one of " + Arrays.toString(roles));
        problem.setType(URI.create("https://balintobservatory.org/problems/forbidden"));
        problem.setTitle("Forbidden");
        throw new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }
}
