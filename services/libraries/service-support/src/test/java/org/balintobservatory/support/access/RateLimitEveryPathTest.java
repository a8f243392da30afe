package org.balintobservatory.support.access;

import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.fixture.FixtureApplication;
import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request counts against a rate, whatever its path: health, a path no route serves and a refused
 * path spend an address's allowance as an API call does. The bucket refills at one request an hour, so
 * what is spent stays spent for the test.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "balint.security.registry.enabled=false",
                // No Kafka behind this fixture: its reachability would keep the health DOWN.
                "balint.health.kafka.enabled=false",
                "balint.security.keys[0].id=fixture-admin",
                "balint.security.keys[0].sha256=" + FixtureTestSupport.ADMIN_HASH,
                "balint.security.keys[0].role=ADMIN",
                "balint.access.requests-per-second=0.0003",
                "balint.access.burst=4",
                "management.endpoints.web.exposure.include=health"})
class RateLimitEveryPathTest {

    @LocalServerPort
    int port;

    private int status(String target, String key) throws Exception {
        return RawHttp.send(URI.create("http://127.0.0.1:" + port), "GET", target,
                key == null ? null : "Bearer " + key, null, null).status();
    }

    @Test
    void requestsOutsideApiSpendTheAddressAllowanceToo() throws Exception {
        assertThat(status("/actuator/health", null)).isEqualTo(200);
        assertThat(status("/no/such/path", null)).isEqualTo(404);
        assertThat(status("/api;x=1/v1/things", null)).isEqualTo(400);
        assertThat(status("/error", null)).isEqualTo(404);
        RawHttp.Answer limited = RawHttp.send(URI.create("http://127.0.0.1:" + port), "GET", "/actuator/health",
                null, null, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();

        // A key has an allowance of its own, also outside /api/.
        for (int i = 0; i < 4; i++) {
            assertThat(status("/actuator/metrics", "bo_fixture_admin")).isEqualTo(200);
        }
        assertThat(status("/actuator/metrics", "bo_fixture_admin")).isEqualTo(429);
    }
}
