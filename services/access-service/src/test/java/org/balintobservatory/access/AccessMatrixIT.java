package org.balintobservatory.access;

import org.balintobservatory.support.access.AccessMatrix;
import org.balintobservatory.support.access.AccessRules;
import org.balintobservatory.support.access.KeylessAnswers;
import org.balintobservatory.support.access.PathVariantMatrix;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.web.RequestBodyMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route of the access service, called with every role: a new endpoint without a rule fails here. */
class AccessMatrixIT extends AccessServiceTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyRouteLetsInExactlyTheRolesItDeclares() throws Exception {
        assertThat(AccessRules.of(mapping)).as("routes found").hasSizeGreaterThanOrEqualTo(9);
        assertThat(AccessMatrix.violations(mapping, "http://localhost:" + port,
                Map.of(Role.SCHOOL, SCHOOL_KEY, Role.RESEARCHER, RESEARCHER_KEY, Role.ADMIN, ADMIN_KEY))).isEmpty();
    }

    /**
     * The attack of issue 18: a key sent to a handler its role may not use by another spelling of the path
     * (a matrix parameter, an encoded letter, a dot segment, ...). Every spelling must stop where the path
     * itself stops, on this service's own port.
     */
    @Test
    void noSpellingOfAPathGetsFurtherThanThePathItself() throws Exception {
        assertThat(PathVariantMatrix.violations(mapping, "http://localhost:" + port,
                Map.of(Role.SCHOOL, SCHOOL_KEY, Role.RESEARCHER, RESEARCHER_KEY, Role.ADMIN, ADMIN_KEY),
                Set.of())).isEmpty();
    }

    /** Every endpoint with a JSON body: a wildcard Content-Type is 415, a repeated or mistyped field 400. */
    @Test
    void everyJsonBodyIsReadStrictly() throws Exception {
        assertThat(RequestBodyMatrix.violations(mapping, "http://localhost:" + port,
                Map.of(Role.SCHOOL, SCHOOL_KEY, Role.RESEARCHER, RESEARCHER_KEY, Role.ADMIN, ADMIN_KEY))).isEmpty();
    }

    /** No route that takes no key, today's or one made public later, answers anything of a participant. */
    @Test
    void noKeylessRouteAnswersAParticipantsData() throws Exception {
        assertThat(KeylessAnswers.violations(mapping, "http://localhost:" + port, Map.of(), Set.of())).isEmpty();
    }
}
