package org.balintobservatory.support.web;

import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer carries the security headers, whoever wrote it: a handler, a filter or the error handling. */
class SecurityHeadersTest extends FixtureTestSupport {

    /** The headers every answer carries, names in lower case as {@link RawHttp.Answer} has them. */
    static final Map<String, String> EXPECTED = Map.of(
            "x-content-type-options", "nosniff",
            "x-frame-options", "DENY",
            "referrer-policy", "no-referrer",
            "cross-origin-resource-policy", "same-origin",
            "cache-control", "no-store",
            "content-security-policy", SecurityHeadersFilter.CONTENT_SECURITY_POLICY);

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndIsNotStored() throws Exception {
        List<RawHttp.Answer> answers = new ArrayList<>();
        answers.add(send("GET", "/api/v1/things/t-1", SCHOOL, null, null));            // 200, a handler
        answers.add(send("GET", "/api/v1/things/t-1", null, null, null));              // 401, the interceptor
        answers.add(send("GET", "/api/v1/things/t-1", "bo_unknown", null, null));      // 401, the key filter
        answers.add(send("GET", "/internal/status", SCHOOL, null, null));              // 403
        answers.add(send("GET", "/api/v1/nothing-here", SCHOOL, null, null));          // 404, routing
        answers.add(send("GET", "/api;x=1/v1/things/t-1", SCHOOL, null, null));        // 400, the path filter
        answers.add(send("POST", "/api/v1/things", ADMIN, "application/json", "{"));    // 400, unreadable
        answers.add(send("GET", "/actuator/health", null, null, null));                // 200, Actuator
        assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 401, 401, 403, 404, 400, 400, 200);
        for (RawHttp.Answer answer : answers) {
            assertThat(answer.headers()).as("headers of a %s", answer.status()).containsAllEntriesOf(EXPECTED);
        }
    }

    @Test
    void thePolicyAllowsScriptsFromTheOriginOnlyAndNothingInline() {
        String policy = SecurityHeadersFilter.CONTENT_SECURITY_POLICY;
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }
}
