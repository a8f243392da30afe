package org.balintobservatory.support.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <key>} once per request and applies the rate limit per
 * key (per client address for requests without one). An unknown key is refused here with 401; a missing
 * key is left to {@link AccessInterceptor}, because public endpoints need none.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final RateLimiter limiter;

    public ApiKeyFilter(ApiKeys keys, RateLimiter limiter) {
        this.keys = keys;
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String limitKey = "address:" + request.getRemoteAddr();
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                Problems.write(response, 401, "unauthenticated", "No valid API key",
                        "send an API key as 'Authorization: Bearer <key>'");
                return;
            }
            Optional<Caller> caller = keys.authenticate(header.substring(7).trim());
            if (caller.isEmpty()) {
                // Guessing keys costs the guesser its address's rate like any other request.
                if (tooMany(limitKey, response)) {
                    return;
                }
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                Problems.write(response, 401, "unauthenticated", "No valid API key",
                        "the API key is not known or was revoked");
                return;
            }
            request.setAttribute(Caller.ATTRIBUTE, caller.get());
            limitKey = "key:" + caller.get().keyId();
        }
        if (request.getRequestURI().startsWith("/api/") && tooMany(limitKey, response)) {
            return;
        }
        chain.doFilter(request, response);
    }

    /** Takes one request from the key's (or address's) allowance; answers 429 and says so when there is none. */
    private boolean tooMany(String limitKey, HttpServletResponse response) throws IOException {
        Duration wait = limiter.acquire(limitKey);
        if (wait.isZero()) {
            return false;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000)));
        Problems.write(response, 429, "rate-limited", "Too many requests",
                "this key sent more requests than its rate allows; retry after the Retry-After seconds");
        return true;
    }
}
