package org.balintobservatory.support.access;

import org.balintobservatory.hostile.PathVariantProbe;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link PathVariantProbe} over every route of a service's own handlers, on its own port, with a key of
 * every role and with none: no spelling of a path may get further than the path itself.
 */
public final class PathVariantMatrix {

    private PathVariantMatrix() {
    }

    /**
     * @param refusalsOnly routes ({@code "POST /api/v1/..."}) whose effect a test cannot undo, such as starting
     *                     a replay: the roles the route allows are not sent there at all
     * @return one line per variant that got further than its canonical path; empty when none did
     */
    public static List<String> violations(RequestMappingHandlerMapping mapping, String baseUrl, Map<Role, String> keys,
                                          Set<String> refusalsOnly) throws IOException, InterruptedException {
        Map<String, String> callers = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            callers.put(role.name(), keys.get(role));
        }
        callers.put("no key", null);
        List<AccessRules.Route> rules = AccessRules.of(mapping);
        List<PathVariantProbe.Route> routes = rules.stream()
                .map(r -> new PathVariantProbe.Route(r.method(), r.path(), r.consumes())).toList();
        return PathVariantProbe.violations(URI.create(baseUrl), routes, callers, (route, caller) ->
                refusalsOnly.contains(route.method() + " " + route.path()) && rules.stream().anyMatch(r ->
                        r.method().equals(route.method()) && r.path().equals(route.path())
                                && r.roles().stream().anyMatch(role -> role.name().equals(caller))));
    }
}
