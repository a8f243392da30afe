package org.balintobservatory.support.web;

import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the container refuses before any filter runs (an illegal character in the request target, an encoded
 * NUL or a broken escape in the path) is answered as the application answers: problem details with the
 * security headers, never the container's HTML page.
 */
class ContainerErrorPagesTest extends FixtureTestSupport {

    @Test
    void theContainersOwn400sAreProblemDetailsWithTheSecurityHeaders() throws Exception {
        for (String target : new String[] {"/api/v1/x%00y", "/api/v1/things/t-1?q=a`b", "/api/v1/x%zzy",
                "/api/v1/things/t-1?q={}", "/api/v1/x\"y", "/api/v1/x%"}) {
            for (String key : new String[] {null, SCHOOL}) {
                RawHttp.Answer answer = send("GET", target, key, null, null);
                assertThat(answer.status()).as(target).isEqualTo(400);
                assertThat(answer.header("Content-Type")).as(target).startsWith("application/problem+json");
                assertThat(json(answer).path("status").asInt()).as(target).isEqualTo(400);
                assertThat(answer.body()).as(target).doesNotContain("<html", "Tomcat");
                assertThat(answer.headers()).as(target).containsAllEntriesOf(SecurityHeadersTest.EXPECTED);
            }
        }
    }
}
