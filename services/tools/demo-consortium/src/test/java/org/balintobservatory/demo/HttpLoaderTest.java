package org.balintobservatory.demo;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader against a stand-in API on a local port: keys, order, retries and re-runs. */
class HttpLoaderTest {

    private HttpServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status;
            if (path.endsWith("/flaky") && failuresLeft.getAndDecrement() > 0) {
                status = 503;
            } else if (path.endsWith("/again")) {
                status = 409;
            } else if (path.endsWith("/refused")) {
                status = 422;
            } else {
                status = 201;
            }
            received.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + exchange.getRequestMethod()
                    + " " + path + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + " -> " + status);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachInstitutionIsSentInOrderWithItsOwnKey() throws InterruptedException {
        Map<String, List<ApiRequest>> plan = new LinkedHashMap<>();
        plan.put("school-a", List.of(call("school-a", "/api/v1/programmes"), call("school-a", "/api/v1/groups")));
        plan.put("school-b", List.of(call("school-b", "/api/v1/programmes")));
        plan.put("school-c", List.of(call("school-c", "/api/v1/programmes")));

        HttpLoader.Result result = loader(Map.of("school-a", "key-a", "school-b", "key-b")).load(plan);

        assertThat(result.sent()).isEqualTo(3);
        assertThat(result.skippedInstitutions()).containsExactly("school-c");
        assertThat(received).filteredOn(r -> r.startsWith("Bearer key-a")).containsExactly(
                "Bearer key-a POST /api/v1/programmes {\"id\":\"school-a\"} -> 201",
                "Bearer key-a POST /api/v1/groups {\"id\":\"school-a\"} -> 201");
        assertThat(received).filteredOn(r -> r.startsWith("Bearer key-b")).hasSize(1);
    }

    @Test
    void unavailableServiceIsRetriedAndEarlierCallsCountAsDone() throws InterruptedException {
        failuresLeft.set(2);
        Map<String, List<ApiRequest>> plan = Map.of("school-a", List.of(call("school-a", "/flaky"),
                call("school-a", "/again"), call("school-a", "/refused")));

        HttpLoader.Result result = loader(Map.of("school-a", "key-a")).load(plan);

        assertThat(result.sent()).isEqualTo(1);
        assertThat(result.alreadyThere()).isEqualTo(1);
        assertThat(result.refused()).isEqualTo(1);
        assertThat(result.refusals()).singleElement().asString().contains("/refused", "422");
        assertThat(received).filteredOn(r -> r.contains("/flaky")).hasSize(3);
    }

    private HttpLoader loader(Map<String, String> keys) {
        return new HttpLoader(URI.create("http://localhost:" + server.getAddress().getPort()), keys, 2, line -> { });
    }

    private static ApiRequest call(String institution, String path) {
        return new ApiRequest(institution, "POST", path, Map.of("id", institution));
    }
}
