package org.balintobservatory.survey;

import org.balintobservatory.support.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of {@link ArchitectureRules} on this service's classes: aggregates and policies free of
 * Spring and web types, no class of another service, no package cycles.
 */
class ArchitectureTest {

    @Test
    void theServiceKeepsItsBoundaries() {
        ArchitectureRules.checkService("survey");
    }
}
