package org.balintobservatory.analytics.it;

import org.balintobservatory.support.access.HostileRouteMatrix;
import org.balintobservatory.support.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.Map;
import java.util.Set;

/**
 * The hostile corpus (multipart with and without boundary, bodies at and past the limit, broken encodings,
 * odd queries and parameter values) over every route the analytics service reports, by every role and without a
 * key: no answer is 5xx or lacks the security headers, and a route the corpus did not reach fails here.
 */
class HostileRoutesIT extends AnalyticsIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteAnswersTheHostileCorpusWithoutA5xx() throws Exception {
        HostileRouteMatrix.assertEveryRouteHolds(context, "http://127.0.0.1:" + port,
                Map.of(Role.SCHOOL, SCHOOL_KEY, Role.RESEARCHER, RESEARCHER_KEY, Role.ADMIN, ADMIN_KEY),
                // an instrument every analytics query needs, so that its other parameters are read
                Map.of("instrument", "jse-style"),
                // starting a replay would switch the read models under the other tests of this context
                Set.of("POST /api/v1/analytics/admin/replay"));
    }
}
