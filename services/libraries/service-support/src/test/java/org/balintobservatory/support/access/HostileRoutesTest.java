package org.balintobservatory.support.access;

import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The hostile corpus over every route of the fixture: no 5xx, the security headers on every answer. */
class HostileRoutesTest extends FixtureTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyRouteAnswersTheHostileCorpusWithoutA5xx() throws Exception {
        HostileRouteMatrix.Result result = HostileRouteMatrix.run(mapping, "http://127.0.0.1:" + port,
                Map.of(Role.SCHOOL, SCHOOL, Role.RESEARCHER, RESEARCHER, Role.ADMIN, ADMIN), Map.of(),
                256 * 1024, Set.of());
        assertThat(result.routes()).as("routes found").isGreaterThanOrEqualTo(6);
        assertThat(result.notFullyCovered()).as("routes without hostile coverage").isEmpty();
        assertThat(result.violations()).isEmpty();
    }
}
