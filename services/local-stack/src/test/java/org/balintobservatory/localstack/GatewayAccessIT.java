package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.hostile.PathVariantProbe;
import org.balintobservatory.hostile.RawHttp;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's path tricks through the gateway, as a client of the whole system sends them: every route of
 * every service (read from each service's OpenAPI description), with a key of every role and with none,
 * at its canonical path and at every variant of it (matrix parameters, percent-encoding, case, double and
 * trailing slashes, dot segments). No variant may get further than the path itself, nor answer 5xx. The
 * services' own ports are covered by each service's {@code AccessMatrixIT}, which sends every
 * {@value PathVariantProbe#SHORT_RUN_SHARE}th variant of every route in the normal run. Through the gateway the
 * normal run sends every {@value #SHARE}th, from an offset that moves on with each route and caller as in theirs
 * (twelve turns in a row, three routes with their four callers, send every variant of a path);
 * {@code -Phostile-full} sends every variant here too.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class GatewayAccessIT {

    /** The normal run sends one variant in this many for each route and caller. */
    static final int SHARE = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DESCRIPTIONS = List.of("/api/v1/group-service/openapi",
            "/api/v1/survey-service/openapi", "/api/v1/analytics/openapi", "/api/v1/access-service/openapi");

    @Test
    void noSpellingOfAnyRouteGetsFurtherThroughTheGatewayThanTheRouteItself(SharedStack.Running stack)
            throws Exception {
        URI base = URI.create("http://127.0.0.1:" + stack.context().getEnvironment().getProperty("local.server.port"));
        ApiKeys keys = stack.stack().keys();

        List<PathVariantProbe.Route> routes = new ArrayList<>();
        for (String description : DESCRIPTIONS) {
            RawHttp.Answer answer = RawHttp.send(base, "GET", description, null, null, null);
            assertThat(answer.status()).as(description).isEqualTo(200);
            routes.addAll(routes(JSON.readTree(answer.body())));
        }
        assertThat(routes).as("routes the gateway forwards").hasSizeGreaterThan(30);

        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("SCHOOL", keys.school());
        callers.put("RESEARCHER", keys.researcher());
        callers.put("ADMIN", keys.admin());
        callers.put("no key", null);
        // Starting a replay is not undone by a test; only its refusals are checked.
        assertThat(PathVariantProbe.violations(base, routes, callers, (route, caller) ->
                caller.equals("ADMIN") && route.method().equals("POST")
                        && route.path().equals("/api/v1/analytics/admin/replay"), SHARE)).isEmpty();

        RawHttp.Answer dashboard = RawHttp.send(base, "GET", "/", null, null, null);
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(dashboard.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(dashboard.body()).doesNotContain("<script>", "<style", " style=\"", " onclick=");

        RawHttp.Answer health = RawHttp.send(base, "GET", "/actuator/health", null, null, null);
        assertThat(JSON.readTree(health.body()).has("components")).as(health.body()).isFalse();
    }

    /** Every operation under /api/ (what the gateway forwards) of an OpenAPI description. */
    private static List<PathVariantProbe.Route> routes(JsonNode openapi) {
        List<PathVariantProbe.Route> routes = new ArrayList<>();
        openapi.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(operation -> {
                Iterator<String> types = operation.getValue().path("requestBody").path("content").fieldNames();
                routes.add(new PathVariantProbe.Route(operation.getKey().toUpperCase(), path.getKey(),
                        types.hasNext() ? types.next() : "application/json"));
            });
        });
        return routes;
    }
}
