package org.balintobservatory.analytics.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What most integration tests share: one Spring context, with one database and consumer group, against
 * the real (or in-process) Kafka and MongoDB.
 */
abstract class AnalyticsIntegrationTest extends AnalyticsServiceTest {

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        configure(registry, "analytics_it", "analytics-it");
    }
}
