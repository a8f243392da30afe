package org.balintobservatory.hostile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * The hostile corpus sent to every route a service reports, by every caller (a key of each role, and none):
 * multipart bodies with and without a boundary and of other multipart types, bodies at and past the size
 * limit (declared and chunked), invalid UTF-8, broken percent-encodings ({@code %zz}, {@code %}, {@code %00})
 * in the query, odd query strings, and odd values of every query parameter the route reads. No answer may be
 * 5xx, and every answer must carry {@code X-Content-Type-Options: nosniff}, the mark of the security headers.
 *
 * <p>The routes come from the application itself, so a route added tomorrow is probed tomorrow; the
 * {@link Report} says which routes were probed, for the caller to compare with the routes it knows. Requests
 * are sent byte for byte ({@link RawHttp}); a 429 is waited out and sent again.
 */
public final class RouteProbe {

    /** What fills a path variable: an id that exists nowhere. */
    public static final String PLACEHOLDER = "probe-placeholder";
    /** Values of a query parameter no route should take, in the query as written (some deliberately broken). */
    static final List<String> ODD_VALUES = List.of("", ",,,", "%zz", "-1", "NaN", "99999999999999999999",
            "a".repeat(2000));
    /** Whole query strings: broken escapes, empty names, repeats, and one long enough to pass any field limit. */
    static final List<String> ODD_QUERIES = List.of("x=%zz", "x=%", "x=%00", "%zz=1&=&&", "x=%C3%28",
            "x=1&x=2&x=3", "x=" + "b".repeat(6000));

    private RouteProbe() {
    }

    /**
     * A route to probe.
     *
     * @param path            its pattern, with {@code {variables}}
     * @param consumes        the body type a write takes ({@code application/json} unless it names another)
     * @param queryParameters the names of the query parameters it reads
     * @param allowed         the callers (by name) the route lets in, whose answers go furthest: they are also
     *                        sent odd values of every query parameter
     */
    public record Route(String method, String path, String consumes, List<String> queryParameters,
                        Set<String> allowed) {

        public Route {
            queryParameters = List.copyOf(queryParameters);
            allowed = Set.copyOf(allowed);
        }

        /** How reports and coverage name it: {@code GET /api/v1/groups/{groupId}}. */
        public String name() {
            return method + " " + path;
        }
    }

    /** One kind of hostile request, so a report can show that every kind reached every route. */
    public enum Kind {
        PLAIN, MULTIPART_WITHOUT_BOUNDARY, MULTIPART_EMPTY_BOUNDARY, MULTIPART_FORM, MULTIPART_MIXED,
        MULTIPART_CHUNKED, INVALID_UTF8, WRONG_CHARSET, FORM_URLENCODED_BROKEN, BODY_AT_LIMIT, BODY_PAST_LIMIT,
        CHUNKED_PAST_LIMIT, ODD_QUERY, ODD_PARAMETER_VALUE, BROKEN_PATH_ESCAPE
    }

    /**
     * @param violations one line per answer that broke the rule; empty when none did
     * @param covered    the routes probed, by {@link Route#name()}, with the kinds of request each was sent
     * @param sent       requests sent
     */
    public record Report(List<String> violations, Map<String, Set<Kind>> covered, long sent) {

        /** Routes of {@code expected} that were not probed with every kind of request. */
        public Set<String> notFullyCovered(Collection<String> expected) {
            Set<String> missing = new TreeSet<>();
            for (String route : expected) {
                Set<Kind> kinds = covered.get(route);
                if (kinds == null || !kinds.containsAll(EnumSet.allOf(Kind.class))) {
                    missing.add(route + (kinds == null ? "" : " lacks " + EnumSet.complementOf(
                            kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds))));
                }
            }
            return missing;
        }
    }

    /**
     * @param callers   who calls: a name (a role's, or {@code "no key"}) and the key, {@code null} for none
     * @param baseQuery parameters an odd value of another parameter is sent with, so that it is read past the
     *                  check of one that is required (an analytics query's {@code instrument}); the other
     *                  requests go without, and are refused before the costly part of such a route runs
     * @param maxBody   the service's largest accepted body of a single request, in bytes
     * @param skip      routes and callers not to send at all, such as a role allowed to start a replay
     */
    public static Report run(URI base, List<Route> routes, Map<String, String> callers, Map<String, String> baseQuery,
                             long maxBody, BiPredicate<Route, String> skip) throws IOException, InterruptedException {
        Probe probe = new Probe(base, baseQuery, maxBody);
        for (Route route : routes) {
            // The whole corpus goes to a caller without a key and to the first caller let in; a caller refused
            // by role is stopped where a caller without a key is, and gets what is read before that.
            String deep = callers.keySet().stream().filter(c -> c != null && route.allowed().contains(c)
                    && callers.get(c) != null && !skip.test(route, c)).findFirst().orElse(null);
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                if (skip.test(route, caller.getKey())) {
                    continue;
                }
                if (caller.getValue() == null || caller.getKey().equals(deep)) {
                    probe.all(route, caller.getKey(), caller.getValue(), route.allowed().contains(caller.getKey()));
                } else {
                    probe.headers(route, caller.getKey(), caller.getValue());
                }
            }
        }
        return new Report(probe.violations, probe.covered, probe.sent);
    }

    private static final class Probe {
        private final URI base;
        private final String baseQuery;
        private final long maxBody;
        private final List<String> violations = new ArrayList<>();
        private final Map<String, Set<Kind>> covered = new LinkedHashMap<>();
        private long sent;

        Probe(URI base, Map<String, String> baseQuery, long maxBody) {
            this.base = base;
            this.baseQuery = baseQuery.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
            this.maxBody = maxBody;
        }

        /** What every caller is sent: the request with no body or {} and the multipart types. */
        void headers(Route route, String caller, String key) throws IOException, InterruptedException {
            String path = route.path().replaceAll("\\{[^}]+}", PLACEHOLDER);
            send(route, caller, Kind.PLAIN, path, key, hasBody(route) ? route.consumes() : null,
                    bytes(hasBody(route) ? "{}" : ""), false);
            send(route, caller, Kind.MULTIPART_WITHOUT_BOUNDARY, path, key, "multipart/form-data", bytes("--x--"),
                    false);
            send(route, caller, Kind.MULTIPART_EMPTY_BOUNDARY, path, key, "multipart/form-data; boundary=",
                    bytes("----"), false);
            send(route, caller, Kind.MULTIPART_FORM, path, key, "multipart/form-data; boundary=x", form(200), false);
            send(route, caller, Kind.MULTIPART_MIXED, path, key, "multipart/mixed; boundary=x", form(200), false);
        }

        void all(Route route, String caller, String key, boolean allowed) throws IOException, InterruptedException {
            headers(route, caller, key);
            String path = route.path().replaceAll("\\{[^}]+}", PLACEHOLDER);
            String type = route.consumes();
            send(route, caller, Kind.MULTIPART_CHUNKED, path, key, "multipart/form-data; boundary=x",
                    form((int) maxBody + 1), true);
            send(route, caller, Kind.INVALID_UTF8, path, key, type,
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, '"', '}'},
                    false);
            send(route, caller, Kind.WRONG_CHARSET, path, key, type + "; charset=x-unknown-charset",
                    bytes("{}"), false);
            send(route, caller, Kind.FORM_URLENCODED_BROKEN, path, key, "application/x-www-form-urlencoded",
                    bytes("x=%zz&=&%=1&y=%C3%28"), false);
            send(route, caller, Kind.BODY_AT_LIMIT, path, key, type, jsonString((int) maxBody), false);
            send(route, caller, Kind.BODY_PAST_LIMIT, path, key, type, jsonString((int) maxBody + 1), false);
            send(route, caller, Kind.CHUNKED_PAST_LIMIT, path, key, type, jsonString((int) maxBody + 1), true);
            for (String query : ODD_QUERIES) {
                send(route, caller, Kind.ODD_QUERY, path + "?" + query, key, null, new byte[0], false);
            }
            for (String escape : List.of("%zz", "%00")) {
                send(route, caller, Kind.BROKEN_PATH_ESCAPE, path + escape, key, null, new byte[0], false);
            }
            // Odd values of every parameter go to the callers let in: a refused caller never reaches them. The
            // kind is covered for a route without parameters too: there is nothing more to send it.
            covered.computeIfAbsent(route.name(), r -> EnumSet.noneOf(Kind.class)).add(Kind.ODD_PARAMETER_VALUE);
            if (allowed) {
                for (String parameter : route.queryParameters()) {
                    for (String value : ODD_VALUES) {
                        String query = (baseQuery.isEmpty() ? "" : without(baseQuery, parameter) + "&")
                                + parameter + "=" + value;
                        send(route, caller, Kind.ODD_PARAMETER_VALUE, path + "?" + query, key, null, new byte[0],
                                false);
                    }
                }
            }
        }

        private void send(Route route, String caller, Kind kind, String target, String key, String contentType,
                          byte[] body, boolean chunked) throws IOException, InterruptedException {
            Map<String, String> headers = new LinkedHashMap<>();
            if (key != null) {
                headers.put("Authorization", "Bearer " + key);
            }
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            byte[] wire = body;
            if (chunked) {
                headers.put("Transfer-Encoding", "chunked");
                wire = RawHttp.chunked(body, 16 * 1024);
            } else if (body.length > 0 || !route.method().equals("GET")) {
                headers.put("Content-Length", String.valueOf(body.length));
            }
            RawHttp.Answer answer = exchange(route.method(), target, headers, wire);
            covered.computeIfAbsent(route.name(), r -> EnumSet.noneOf(Kind.class)).add(kind);
            String problem = answer.status() >= 500 ? "answered " + answer.status()
                    : !"nosniff".equals(answer.header("X-Content-Type-Options")) ? "answered without the security "
                    + "headers" : null;
            if (problem != null) {
                violations.add(route.name() + " as " + caller + ", " + kind + ": " + route.method() + " "
                        + abbreviate(target) + " [" + contentType + (chunked ? ", chunked" : "") + "] " + problem
                        + " " + abbreviate(answer.body()));
            }
        }

        private RawHttp.Answer exchange(String method, String target, Map<String, String> headers, byte[] body)
                throws IOException, InterruptedException {
            for (int attempt = 0; ; attempt++) {
                sent++;
                RawHttp.Answer answer = RawHttp.exchange(base, method, target, headers, body);
                if (answer.status() != 429 || attempt == 20) {
                    return answer;
                }
                String retryAfter = answer.header("Retry-After");
                Thread.sleep(1_000L * (retryAfter == null ? 1 : Long.parseLong(retryAfter)));
            }
        }

        private static boolean hasBody(Route route) {
            return !route.method().equals("GET") && !route.method().equals("DELETE");
        }

        private static String without(String query, String parameter) {
            return Arrays.stream(query.split("&")).filter(p -> !p.startsWith(parameter + "="))
                    .collect(Collectors.joining("&"));
        }
    }

    /** A JSON string of exactly {@code length} bytes. */
    static byte[] jsonString(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) 'a');
        body[0] = '"';
        body[length - 1] = '"';
        return body;
    }

    /** A well-formed form of one file part, {@code size} bytes of content, boundary {@code x}. */
    static byte[] form(int size) {
        String head = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        return (head + "c".repeat(size) + "\r\n--x--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** The names of routes, for comparing coverage with what an application reports. */
    public static Set<String> names(Collection<Route> routes) {
        return routes.stream().map(Route::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
