package org.balintobservatory.support.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.HexFormat;

/**
 * Refuses with 400 every request whose path can be read as another path: {@code ;} path parameters, an
 * empty segment ({@code //}, a trailing {@code /}), a {@code .} or {@code ..} segment, a backslash, and a
 * percent-encoded character that never needs encoding or that separates paths: letters, digits,
 * {@code - . _ ~}, {@code /}, {@code \}, {@code %} itself (double encoding) and NUL.
 *
 * <p>Servlet containers, Spring MVC and proxies each decode, strip and normalise such paths in their own
 * way: {@code /api;x=1/v1/keys} and {@code /%61pi/v1/keys} reach the keys handler in Spring MVC while an
 * ingress matching by prefix sees another path. Authorization is decided on the resolved handler
 * ({@link AccessInterceptor}), so such a path would be authorized like the canonical one anyway; refusing
 * it as well means that no component between the client and the handler can read a path differently from
 * the others. What else is percent-encoded ({@code %40}, {@code %20}, UTF-8) is data inside one segment,
 * the same to every reader: it reaches the handler, whose rules refuse an id that is not one, naming the
 * field.
 */
public class CanonicalPathFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request.getRequestURI());
        if (problem != null) {
            Problems.write(response, 400, "non-canonical-path", "The path is not in canonical form", problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /** @return why the raw (undecoded) request path is refused, or {@code null} if it is canonical */
    static String problem(String path) {
        if (path == null || !path.startsWith("/")) {
            return "the path must start with '/'";
        }
        if (path.equals("/")) {
            return null;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                int decoded = decoded(path, i);
                if (decoded < 0 || isAmbiguousWhenEncoded(decoded)) {
                    return "the path may not percent-encode letters, digits, '-', '.', '_', '~', '/', '\\', '%' "
                            + "or NUL; send them as they are";
                }
                i += 2;
                continue;
            }
            if (c == ';') {
                return "the path may not carry ';' parameters";
            }
            if (!allowed(c)) {
                return "the path may not contain the character U+" + String.format("%04X", (int) c);
            }
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return "the path may not contain an empty segment ('//' or a trailing '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "the path may not contain '.' or '..' segments";
            }
        }
        return null;
    }

    /** The byte {@code %XX} at {@code at} stands for, or -1 if it is not two hex digits. */
    private static int decoded(String path, int at) {
        if (at + 2 >= path.length() || !HexFormat.isHexDigit(path.charAt(at + 1))
                || !HexFormat.isHexDigit(path.charAt(at + 2))) {
            return -1;
        }
        return HexFormat.fromHexDigits(path, at + 1, at + 3);
    }

    /** Unreserved characters (RFC 3986 says never to encode them), separators, the escape itself and NUL. */
    private static boolean isAmbiguousWhenEncoded(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~/\\%".indexOf(c) >= 0 || c == 0;
    }

    /** RFC 3986 {@code pchar} and {@code /}, less {@code %} and {@code ;}. */
    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~/!$&'()*+,=:@".indexOf(c) >= 0;
    }
}
