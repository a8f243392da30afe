package org.balintobservatory.support.access;

import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyless-answer scan finds a route made public without being told of it, and finds participant data in
 * its answer by field name and by value, while the fixture's other keyless routes (the AsyncAPI document,
 * whose schemas name participant fields) raise nothing.
 */
class KeylessAnswersTest extends FixtureTestSupport {

    private static final String PUBLISHED = "GET /api/v1/published/{recordId}";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void aRouteMadePublicIsFoundFromTheHandlerMappingAlone() {
        assertThat(KeylessAnswers.keylessRoutes(mapping)).contains(PUBLISHED)
                .doesNotContain("POST /api/v1/things", "GET /api/v1/things/{thingId}", "GET /api/v1/unruled",
                        "GET /internal/status");
    }

    @Test
    void participantDataInAKeylessAnswerIsFoundByFieldNameAndByValue() throws Exception {
        List<String> violations = KeylessAnswers.violations(mapping, base().toString(),
                Map.of(PUBLISHED, new KeylessAnswers.Call("/api/v1/published/rec-canary", "application/json", "")),
                Set.of("p-canary", "rec-canary"));

        assertThat(violations).anyMatch(v -> v.endsWith("the answer has field /result/participantId"))
                .anyMatch(v -> v.endsWith("the answer has field /result/items"))
                .anyMatch(v -> v.endsWith("participant value p-canary"))
                .anyMatch(v -> v.endsWith("participant value rec-canary"))
                .allMatch(v -> v.startsWith("GET /api/v1/published/"));
    }

    @Test
    void inputsForARouteThatTakesAKeyAreAViolationSoTheyCannotGoStale() throws Exception {
        assertThat(KeylessAnswers.violations(mapping, base().toString(),
                Map.of("POST /api/v1/things", new KeylessAnswers.Call("/api/v1/things", "application/json", "{}")),
                Set.of())).contains("POST /api/v1/things: given inputs, but no route by that name takes no key");
    }
}
