package org.balintobservatory.localstack;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every answer the gateway writes itself carries (its 400s, 404s and 503s, and the container's
 * own refusals): the same set every service sets on its answers, which pass through as the services wrote
 * them. The gateway runs none of the services' code (it starts them as processes), so the set is stated here
 * again, as docs/security.md lists it; {@code GatewayHostileTest} checks that every answer carries it.
 */
final class SecurityHeaders {

    static final Map<String, String> ALL;

    static {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Security-Policy", String.join("; ", "default-src 'none'", "script-src 'self'",
                "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "font-src 'self'", "base-uri 'none'",
                "form-action 'self'", "frame-ancestors 'none'"));
        all.put("X-Content-Type-Options", "nosniff");
        all.put("X-Frame-Options", "DENY");
        all.put("Referrer-Policy", "no-referrer");
        all.put("Cross-Origin-Resource-Policy", "same-origin");
        all.put(HttpHeaders.CACHE_CONTROL, "no-store");
        ALL = Map.copyOf(all);
    }

    private SecurityHeaders() {
    }

    static void apply(HttpHeaders headers) {
        ALL.forEach(headers::set);
    }

    static void apply(HttpServletResponse response) {
        ALL.forEach(response::setHeader);
    }
}
