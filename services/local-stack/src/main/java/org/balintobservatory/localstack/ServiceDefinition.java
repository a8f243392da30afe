package org.balintobservatory.localstack;

import java.util.List;
import java.util.Optional;

/**
 * A service the local stack runs.
 *
 * @param name     module and jar name
 * @param database its own PostgreSQL database, or {@code null} when it keeps no events
 * @param routes   path prefixes the gateway sends to it; the dashboard's static files are served by
 *                 analytics-service
 */
public record ServiceDefinition(String name, String database, List<String> routes) {

    public static final List<ServiceDefinition> ALL = List.of(
            new ServiceDefinition("group-service", "group_service",
                    List.of("/api/v1/programmes", "/api/v1/groups", "/api/v1/batch", "/api/v1/group-service")),
            new ServiceDefinition("survey-service", "survey_service",
                    List.of("/api/v1/instruments", "/api/v1/survey-responses", "/api/v1/participants",
                            "/api/v1/survey-service")),
            new ServiceDefinition("analytics-service", null,
                    List.of("/api/v1/analytics", "/", "/index.html", "/favicon.ico", "/css", "/js", "/webjars")),
            new ServiceDefinition("access-service", "access_service",
                    List.of("/api/v1/institutions", "/api/v1/keys", "/api/v1/access-service")));

    /** The service that serves a path, if any. */
    public static Optional<ServiceDefinition> serving(String path) {
        return ALL.stream().filter(s -> s.serves(path)).findFirst();
    }

    public boolean serves(String path) {
        return routes.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
    }
}
