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
 * Authenticates {@code Authorization: Bearer <key>} once per request and applies the rate limit to every
 * request, whatever its path: per key, and per client address for a request without a key or with one
 * this service does not know. An unknown key is refused here with 401; a missing key is left to
 * {@link AccessInterceptor}, because public endpoints need none.
 *
 * <p>A key not known at once may have been issued a moment ago, so the key topic is read to its end
 * before it is refused; that costs the address one request from its allowance first, so guessing keys
 * ends in 429 before it can keep the reader busy.
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
        String address = "address:" + request.getRemoteAddr();
        if (header == null) {
            if (tooMany(address, response)) {
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (tooMany(address, response)) {
                return;
            }
            Problems.write(response, 401, "unauthenticated", "No valid API key",
                    "send an API key as 'Authorization: Bearer <key>'");
            return;
        }
        String secret = header.substring(7).trim();
        Optional<Caller> caller = keys.authenticateKnown(secret);
        if (caller.isPresent()) {
            if (tooMany("key:" + caller.get().keyId(), response)) {
                return;
            }
        } else {
            if (tooMany(address, response)) {
                return;
            }
            caller = keys.authenticateAfterCatchUp(secret);
            if (caller.isEmpty()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                Problems.write(response, 401, "unauthenticated", "No valid API key",
                        "the API key is not known or was revoked");
                return;
            }
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
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
                "this key or address sent more requests than its rate allows; retry after the Retry-After seconds");
        return true;
    }
}
