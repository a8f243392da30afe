package org.balintobservatory.analytics.architecture;

import org.balintobservatory.support.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The boundaries every service keeps ({@link ArchitectureRules}), on this service's classes: policies free of
 * Spring and web types, no class of another service, no package cycles. {@link PackageBoundariesTest} adds
 * the rules of this service's own packages.
 */
class ServiceBoundariesTest {

    @Test
    void theServiceKeepsTheBoundariesOfEveryService() {
        ArchitectureRules.checkService("analytics");
    }
}
