package org.balintobservatory.support.access;

import org.balintobservatory.support.access.registry.KeyRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFilterTest {

    private static final String SECRET = "bo_filter_test_key";

    private final ApiKeyFilter filter = new ApiKeyFilter(
            new ApiKeys(new ApiKeyProperties(List.of(
                    new ApiKeyProperties.Key("k-school", ApiKeys.sha256(SECRET), "uni-lyon", Role.SCHOOL)))),
            // A clock that never moves: a bucket, once empty, stays empty.
            new RateLimiter(1, 3, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));

    private MockHttpServletResponse send(String authorization, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/programmes/p-1");
        request.setRemoteAddr(address);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aKnownKeyIsLetThroughWithItsCaller() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/programmes/p-1");
        request.addHeader("Authorization", "Bearer " + SECRET);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(request.getAttribute(Caller.ATTRIBUTE)).isEqualTo(new Caller("k-school", "uni-lyon", Role.SCHOOL));
    }

    @Test
    void guessingKeysSpendsTheAddressAllowanceAndEndsIn429() throws Exception {
        for (int i = 0; i < 3; i++) {
            MockHttpServletResponse refused = send("Bearer bo_guess_" + i, "203.0.113.7");
            assertThat(refused.getStatus()).isEqualTo(401);
            assertThat(refused.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        }
        MockHttpServletResponse limited = send("Bearer bo_guess_3", "203.0.113.7");
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isNotBlank();
        assertThat(limited.getContentType()).startsWith("application/problem+json");

        assertThat(send("Bearer bo_guess_4", "198.51.100.9").getStatus())
                .as("another address has its own allowance").isEqualTo(401);
        assertThat(send("Bearer " + SECRET, "203.0.113.7").getStatus())
                .as("a valid key is limited by its own allowance, not its address's").isEqualTo(200);
    }

    @Test
    void anUnknownKeyIsChargedToItsAddressBeforeTheKeyTopicIsRead() throws Exception {
        AtomicInteger catchUps = new AtomicInteger();
        KeyRegistry registry = new KeyRegistry("localhost:1", Duration.ofSeconds(1)) {
            @Override
            public boolean catchUp() {
                catchUps.incrementAndGet();
                return true;
            }
        };
        ApiKeyFilter guarded = new ApiKeyFilter(new ApiKeys(new ApiKeyProperties(List.of()), registry, null),
                new RateLimiter(1, 3, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));
        for (int i = 0; i < 10; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/programmes/p-1");
            request.setRemoteAddr("203.0.113.8");
            request.addHeader("Authorization", "Bearer bo_guess_" + i);
            guarded.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        }
        assertThat(catchUps).as("only the address's allowance of guesses reaches the registry").hasValue(3);
    }

    @Test
    void requestsWithoutAKeySpendTheAddressAllowanceWhateverTheirPath() throws Exception {
        for (String path : List.of("/actuator/health", "/", "/no/such/path")) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
            request.setRemoteAddr("198.51.100.20");
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, new MockFilterChain());
            assertThat(response.getStatus()).as(path).isEqualTo(200);
        }
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        request.setRemoteAddr("198.51.100.20");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(429);
    }

    @Test
    void anAuthorizationThatIsNotBearerIsRefused() throws Exception {
        assertThat(send("Basic dXNlcjpwYXNz", "192.0.2.1").getStatus()).isEqualTo(401);
    }
}
