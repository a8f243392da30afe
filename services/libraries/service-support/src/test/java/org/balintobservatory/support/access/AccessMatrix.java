package org.balintobservatory.support.access;

import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The role × endpoint matrix, for each service's integration tests: every route the running application
 * serves is called with a key of every role, and a role the route does not allow must get 403 while an
 * allowed one must get past access control (any answer but 401 and 403). Path variables are filled with a
 * placeholder id, and bodies are empty: the matrix tests who gets in, not what the handler does.
 */
public final class AccessMatrix {

    private AccessMatrix() {
    }

    /** @return one line per cell that broke its rule, and per route without a rule; empty when all hold */
    public static List<String> violations(RequestMappingHandlerMapping mapping, String baseUrl, Map<Role, String> keys)
            throws IOException, InterruptedException {
        return violations(mapping, baseUrl, keys, Set.of());
    }

    /**
     * @param refusalsOnly routes ({@code "POST /api/v1/..."}) whose effect a test cannot undo, such as starting
     *                     a replay: only their refusals are checked, the allowed roles do not call them
     */
    public static List<String> violations(RequestMappingHandlerMapping mapping, String baseUrl, Map<Role, String> keys,
                                          Set<String> refusalsOnly) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> violations = new ArrayList<>();
        for (AccessRules.Route route : AccessRules.of(mapping)) {
            if (!route.declaresRule()) {
                violations.add(route.method() + " " + route.path() + ": declares no access rule");
                continue;
            }
            String path = route.path().replaceAll("\\{[^}]+}", "matrix-placeholder");
            for (Role role : Role.values()) {
                boolean allowed = route.isPublic() || route.roles().contains(role);
                if (allowed && refusalsOnly.contains(route.method() + " " + route.path())) {
                    continue;
                }
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .method(route.method(), HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Authorization", "Bearer " + keys.get(role))
                        .header("Content-Type", route.consumes())
                        .build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (allowed && (status == 401 || status == 403 || status >= 500)) {
                    violations.add(route.method() + " " + route.path() + " as " + role + ": expected access, got "
                            + status + " " + response.body());
                }
                if (!allowed && status != 403) {
                    violations.add(route.method() + " " + route.path() + " as " + role + ": expected 403, got " + status);
                }
            }
        }
        return violations;
    }
}
