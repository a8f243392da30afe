package org.balintobservatory.access;

import org.balintobservatory.support.access.AccessMatrix;
import org.balintobservatory.support.access.AccessRules;
import org.balintobservatory.support.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;

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
}
