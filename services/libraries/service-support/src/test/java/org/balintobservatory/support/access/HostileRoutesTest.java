package org.balintobservatory.support.access;

import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.Map;
import java.util.Set;

/** The hostile corpus over every route of the fixture: no 5xx, the security headers on every answer. */
class HostileRoutesTest extends FixtureTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteAnswersTheHostileCorpusWithoutA5xx() throws Exception {
        HostileRouteMatrix.assertEveryRouteHolds(context, "http://127.0.0.1:" + port,
                Map.of(Role.SCHOOL, SCHOOL, Role.RESEARCHER, RESEARCHER, Role.ADMIN, ADMIN), Map.of(), Set.of());
    }
}
