package org.balintobservatory.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Every route called at its canonical path and at every {@link PathVariants variant} of it, by every
 * caller (a key of each role, and none): a variant may never get further than the canonical path does for
 * the same caller. Where the canonical path is refused (401, 403), a variant must be refused before any
 * handler runs: 401, 403, 405, a 400 for a non-canonical path (or a container's own 400, problem type
 * {@code invalid-request-target}), or a 404 of
 * routing rather than of a handler (problem type {@code not-found}). Where the canonical path is let in, a
 * variant must still never answer 5xx.
 *
 * <p>Requests are sent byte for byte ({@link RawHttp}), with {@code {}} as the body of a write; a 429 is
 * waited out and sent again, so a rate limit never hides an answer.
 *
 * <p>A path has about a hundred variants, so the full probe sends tens of thousands of requests through a
 * service's routes. It runs with {@code -Dhostile.full=true} (the {@code hostile-full} profile). The normal test
 * run sends a rotating share of them ({@link #SHORT_RUN_SHARE}): every route and caller gets its canonical
 * path and every {@value #SHORT_RUN_SHARE}th variant, starting at an offset that moves on with each route and
 * caller, so that every variant of a path shape is still sent across the routes that share it.
 */
public final class PathVariantProbe {

    /** What fills a path variable: an id that exists nowhere. */
    public static final String PLACEHOLDER = "matrix-placeholder";
    /** The normal run sends one variant in this many for each route and caller. */
    public static final int SHORT_RUN_SHARE = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PathVariantProbe() {
    }

    /**
     * A route to probe.
     *
     * @param path     its pattern, with {@code {variables}}
     * @param consumes the body type a write takes
     */
    public record Route(String method, String path, String consumes) {
    }

    /**
     * @param callers who calls: a name (a role's, or {@code "no key"}) and the key, {@code null} for none
     * @param skip    routes and callers not to send at all, such as a role allowed to start a replay
     * @return one line per variant that got further than its canonical path; empty when none did
     */
    public static List<String> violations(URI base, List<Route> routes, Map<String, String> callers,
                                          BiPredicate<Route, String> skip) throws IOException, InterruptedException {
        return violations(base, routes, callers, skip, SHORT_RUN_SHARE);
    }

    /**
     * As {@link #violations(URI, List, Map, BiPredicate)}, with the normal run sending one variant in
     * {@code shortRunShare} (the full probe still sends every one).
     */
    public static List<String> violations(URI base, List<Route> routes, Map<String, String> callers,
                                          BiPredicate<Route, String> skip, int shortRunShare)
            throws IOException, InterruptedException {
        if (shortRunShare < 1) {
            throw new IllegalArgumentException("a share is one variant in at least 1, was " + shortRunShare);
        }
        List<String> violations = new ArrayList<>();
        int share = Boolean.getBoolean("hostile.full") ? 1 : shortRunShare;
        int turn = 0;
        for (Route route : routes) {
            String path = route.path().replaceAll("\\{[^}]+}", PLACEHOLDER);
            List<String> variants = PathVariants.of(path);
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                List<String> sent = share(variants, turn++, share);
                if (skip.test(route, caller.getKey())) {
                    continue;
                }
                RawHttp.Answer canonical = send(base, route, path, caller.getValue());
                boolean refused = canonical.status() == 401 || canonical.status() == 403;
                for (String variant : sent) {
                    RawHttp.Answer answer = send(base, route, variant, caller.getValue());
                    if (answer.status() >= 500 || (refused && !stoppedBeforeAnyHandler(answer))) {
                        violations.add(route.method() + " " + route.path() + " as " + caller.getKey() + ": "
                                + variant + " answered " + answer.status() + " " + abbreviate(answer.body())
                                + " where the canonical path answered " + canonical.status());
                    }
                }
            }
        }
        return violations;
    }

    /**
     * The variants one route and caller are sent: every {@code share}th, from an offset that moves on by one
     * with every {@code turn}, so that {@code share} consecutive turns over paths of one shape send every variant.
     */
    static List<String> share(List<String> variants, int turn, int share) {
        List<String> sent = new ArrayList<>();
        for (int v = turn % share; v < variants.size(); v += share) {
            sent.add(variants.get(v));
        }
        return sent;
    }

    static boolean stoppedBeforeAnyHandler(RawHttp.Answer answer) {
        String type = problemType(answer);
        return switch (answer.status()) {
            case 401, 403, 405 -> true;
            case 400 -> type == null || type.endsWith("/non-canonical-path")
                    || type.endsWith("/invalid-request-target");
            case 404 -> type == null || !type.endsWith("/not-found");
            default -> false;
        };
    }

    private static RawHttp.Answer send(URI base, Route route, String target, String key)
            throws IOException, InterruptedException {
        boolean hasBody = !route.method().equals("GET") && !route.method().equals("DELETE");
        for (int attempt = 0; ; attempt++) {
            RawHttp.Answer answer = RawHttp.send(base, route.method(), target, key == null ? null : "Bearer " + key,
                    hasBody ? route.consumes() : null, hasBody ? "{}" : null);
            if (answer.status() != 429 || attempt == 20) {
                return answer;
            }
            String retryAfter = answer.header("Retry-After");
            Thread.sleep(1_000L * (retryAfter == null ? 1 : Long.parseLong(retryAfter)));
        }
    }

    private static String problemType(RawHttp.Answer answer) {
        String contentType = answer.header("Content-Type");
        if (contentType == null || !contentType.contains("json")) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            return body.hasNonNull("type") ? body.get("type").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
