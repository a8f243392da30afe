package org.balintobservatory.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints;
import org.balintobservatory.support.access.ApiKeys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * One running access service for every integration test class: real PostgreSQL and Kafka (from
 * {@link InfrastructureEndpoints}) and the HTTP API on a random port. The bootstrap keys come from
 * configuration, as an operator's admin key does; institution ids carry a per-run suffix so runs never
 * see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AccessServiceTestSupport {

    /**
     * Tells this run's institutions and keys from earlier runs' against the same servers: eight hex digits
     * split by an {@code x}, because it also ends up in institution names, where a run of seven digits
     * would read as a phone number.
     */
    protected static final String RUN = InfrastructureEndpoints.runTag();
    protected static final String SCHOOL_INSTITUTION = "configured-school-" + RUN;
    protected static final String SCHOOL_KEY = "bo_test_school_" + UUID.randomUUID();
    protected static final String RESEARCHER_KEY = "bo_test_researcher_" + UUID.randomUUID();
    protected static final String ADMIN_KEY = "bo_test_admin_" + UUID.randomUUID();
    protected static final String ADMIN_KEY_ID = "bootstrap-admin-" + RUN;

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureEndpoints endpoints = InfrastructureEndpoints.resolve();
        registry.add("spring.datasource.url", () -> endpoints.postgresUrlForSchema("access_service"));
        registry.add("spring.datasource.username", endpoints::postgresUser);
        registry.add("spring.datasource.password", endpoints::postgresPassword);
        registry.add("kafka.bootstrap-servers", endpoints::kafkaBootstrap);
        registry.add("balint.security.keys[0].id", () -> "configured-school-" + RUN);
        registry.add("balint.security.keys[0].sha256", () -> ApiKeys.sha256(SCHOOL_KEY));
        registry.add("balint.security.keys[0].institution", () -> SCHOOL_INSTITUTION);
        registry.add("balint.security.keys[0].role", () -> "SCHOOL");
        registry.add("balint.security.keys[1].id", () -> "configured-researcher-" + RUN);
        registry.add("balint.security.keys[1].sha256", () -> ApiKeys.sha256(RESEARCHER_KEY));
        registry.add("balint.security.keys[1].role", () -> "RESEARCHER");
        registry.add("balint.security.keys[2].id", () -> ADMIN_KEY_ID);
        registry.add("balint.security.keys[2].sha256", () -> ApiKeys.sha256(ADMIN_KEY));
        registry.add("balint.security.keys[2].role", () -> "ADMIN");
        // Last-used times arrive within a fifth of a second instead of the production half-minute.
        registry.add("balint.security.registry.usage-interval", () -> "200ms");
        // The hostile-input test sends thousands of requests with one key; the rate limit is tested on its own.
        registry.add("balint.access.requests-per-second", () -> "1000000");
        registry.add("balint.access.burst", () -> "1000000");
    }

    protected record Response(int status, String contentType, JsonNode body, HttpResponse<String> raw) {

        public JsonNode firstError() {
            return body.path("errors").path(0);
        }
    }

    protected Response send(String method, String path, Object body, String key) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofMinutes(1))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    json, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
