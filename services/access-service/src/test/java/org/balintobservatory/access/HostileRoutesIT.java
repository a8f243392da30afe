package org.balintobservatory.access;

import org.balintobservatory.support.access.AccessProperties;
import org.balintobservatory.support.access.HostileRouteMatrix;
import org.balintobservatory.support.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus (multipart with and without boundary, bodies at and past the limit, broken encodings,
 * odd queries and parameter values) over every route the access service reports, by every role and without a
 * key: no answer is 5xx or lacks the security headers, and a route the corpus did not reach fails here.
 */
class HostileRoutesIT extends AccessServiceTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    AccessProperties access;

    @Test
    void everyRouteAnswersTheHostileCorpusWithoutA5xx() throws Exception {
        HostileRouteMatrix.Result result = HostileRouteMatrix.run(mapping, "http://127.0.0.1:" + port,
                Map.of(Role.SCHOOL, SCHOOL_KEY, Role.RESEARCHER, RESEARCHER_KEY, Role.ADMIN, ADMIN_KEY),
                Map.of(), access.maxBodySize().toBytes(), Set.of());
        assertThat(result.routes()).as("routes found").isGreaterThan(10);
        assertThat(result.notFullyCovered()).as("routes without hostile coverage").isEmpty();
        assertThat(result.violations()).isEmpty();
    }
}
