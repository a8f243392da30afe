package org.balintobservatory.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The headers every answer of every service carries, set before anything else runs so that refusals
 * written by filters carry them too.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: one policy for everything, strict enough for the research dashboard:
 *       scripts, styles and connections from the service's own origin only, no inline script or style, images
 *       from the origin and {@code data:} (the dashboard's empty favicon), no plugins, no framing, no base or
 *       form target elsewhere. The dashboard sets styles through the CSS object model, which the policy
 *       allows, never as inline attributes.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a JSON answer is never run as a script.</li>
 *   <li>{@code X-Frame-Options: DENY} (with {@code frame-ancestors 'none'} for newer browsers).</li>
 *   <li>{@code Referrer-Policy: no-referrer}: ids in dashboard URLs never leave in a Referer.</li>
 *   <li>{@code Cross-Origin-Resource-Policy: same-origin}: another site cannot embed an answer.</li>
 *   <li>{@code Cache-Control: no-store}: answers carry data about institutions; no cache keeps them.
 *       Static files of the dashboard are marked {@code no-cache} instead by the access interceptor.</li>
 * </ul>
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** An error page shown after an exception is an answer too. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(response);
        chain.doFilter(request, response);
    }

    /** Sets the headers on an answer; also used by the container's own error answers ({@link ProblemErrorReportValve}). */
    public static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
