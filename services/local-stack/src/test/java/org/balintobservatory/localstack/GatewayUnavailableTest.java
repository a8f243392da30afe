package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.balintobservatory.infrastructure.embedded.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway answers when instances of a service are missing, starting or refusing connections. */
class GatewayUnavailableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceDefinition GROUP = ServiceDefinition.serving("/api/v1/groups").orElseThrow();
    private final List<ServiceInstance> started = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        for (ServiceInstance instance : started) {
            instance.kill();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void noReadyInstanceIs503WithRetryAfterAndAProblemNamingTheService() throws Exception {
        ServiceInstance starting = instance(FreePorts.find(), false);
        Gateway gateway = new Gateway(new Balancer(s -> List.of(starting)), BodyLimits.DEFAULTS);

        MockHttpServletResponse answer = forward(gateway, request("POST", "/api/v1/groups"));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeader("Retry-After")).isEqualTo(String.valueOf(Gateway.RETRY_AFTER_SECONDS));
        assertThat(answer.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(answer.getContentAsByteArray());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).isEqualTo("no instance of group-service is ready");
    }

    @Test
    void aWriteWhoseConnectionIsRefusedGoesToTheNextInstanceAndIsSentOnce() throws Exception {
        AtomicInteger received = new AtomicInteger();
        int port = serve(received);
        // Ready by its last health check, but its process has just died: its port refuses connections.
        ServiceInstance dead = instance(FreePorts.find(), true);
        ServiceInstance alive = instance(port, true);
        Gateway gateway = new Gateway(new Balancer(s -> List.of(dead, alive)), BodyLimits.DEFAULTS);

        MockHttpServletResponse answer = forward(gateway, request("POST", "/api/v1/groups"));

        assertThat(answer.getStatus()).isEqualTo(201);
        assertThat(new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8)).isEqualTo("created");
        assertThat(received).hasValue(1);
    }

    @Test
    void whenEveryReadyInstanceRefusesTheAnswerIs503NotAnError() throws Exception {
        ServiceInstance first = instance(FreePorts.find(), true);
        ServiceInstance second = instance(FreePorts.find(), true);
        Gateway gateway = new Gateway(new Balancer(s -> List.of(first, second)), BodyLimits.DEFAULTS);

        MockHttpServletResponse answer = forward(gateway, request("GET", "/api/v1/groups/g-1"));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeader("Retry-After")).isNotBlank();
        assertThat(JSON.readTree(answer.getContentAsByteArray()).path("detail").asText())
                .isEqualTo("no instance of group-service could be reached");
    }

    private int serve(AtomicInteger received) throws Exception {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "created".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private ServiceInstance instance(int port, boolean ready) {
        ServiceInstance instance = new ServiceInstance(GROUP, started.size() + 1, port, null, Path.of("unused.log"),
                new ProcessBuilder("sleep", "60"));
        instance.start();
        instance.ready(ready);
        started.add(instance);
        return instance;
    }

    private static MockHttpServletResponse forward(Gateway gateway, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        gateway.forward(request, response);
        return response;
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        request.setContent("{\"groupId\":\"g-1\"}".getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
