package org.balintobservatory.localstack;

import com.sun.net.httpserver.HttpServer;
import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.hostile.RouteProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway under the hostile corpus ({@link RouteProbe}): every prefix of its table
 * ({@link ServiceDefinition#ALL}) and a path no service serves, by every method, with a key and without,
 * in front of a stand-in service that answers everything. The gateway may refuse what it cannot forward
 * (400) or route (404), never answer 5xx, and every answer it writes itself carries the security headers
 * and is problem+json.
 */
@SpringBootTest(classes = GatewayHostileTest.GatewayOnly.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                + "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration,"
                + "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration")
class GatewayHostileTest {

    /** A read, a write, and a write whose form body Spring would read as parameters. */
    private static final List<String> METHODS = List.of("GET", "POST", "PUT");
    private static final Backend BACKEND = Backend.start();

    @LocalServerPort
    int port;

    /** The gateway alone, its balancer pointing every service at the stand-in. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(GatewayErrors.class)
    static class GatewayOnly {

        @Bean
        Gateway gateway() {
            return new Gateway(new Balancer(service -> List.of(BACKEND.instance(service))), BodyLimits.DEFAULTS);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        BACKEND.stop();
    }

    @Test
    void everyPrefixOfTheTableAnswersTheHostileCorpusWithoutA5xx() throws Exception {
        List<RouteProbe.Route> routes = new ArrayList<>();
        for (String prefix : prefixes()) {
            for (String method : METHODS) {
                // The gateway reads no key: the whole corpus goes without one, a key gets the multipart types.
                routes.add(new RouteProbe.Route(method, prefix, "application/json", List.of(), Set.of("no key")));
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("no key", null);
        keys.put("SCHOOL", "bo_probe_school");
        RouteProbe.Report report = RouteProbe.run(URI.create("http://127.0.0.1:" + port), routes, keys, Map.of(),
                256 * 1024, (route, caller) -> false);

        assertThat(report.notFullyCovered(RouteProbe.names(routes))).as("routes without hostile coverage").isEmpty();
        assertThat(report.violations()).isEmpty();
    }

    /** The findings: a broken escape in the query made the gateway fail while forwarding. */
    @Test
    void aBrokenEscapeInTheQueryIs400ProblemDetailsNotForwarded() throws Exception {
        int forwardedBefore = BACKEND.received();
        for (String target : List.of("/api/v1/groups?x=%zz", "/api/v1/groups?x=%", "/api/v1/groups?x=%2")) {
            RawHttp.Answer answer = RawHttp.send(URI.create("http://127.0.0.1:" + port), "GET", target, null, null,
                    null);
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(answer.headers()).containsEntry("x-content-type-options", "nosniff");
        }
        assertThat(BACKEND.received()).isEqualTo(forwardedBefore);
    }

    @Test
    void theGatewaysOwn404sAndTheContainers400sCarryTheSecurityHeaders() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + port);
        for (String target : List.of("/nothing-here", "/api/v2/groups", "/api/v1/x%00y", "/api/v1/groups?q=a`b")) {
            RawHttp.Answer answer = RawHttp.send(base, "GET", target, null, null, null);
            assertThat(answer.status()).as(target).isIn(400, 404);
            assertThat(answer.header("Content-Type")).as(target).isEqualTo("application/problem+json");
            SecurityHeaders.ALL.forEach((name, value) -> assertThat(answer.header(name)).as(target + " " + name)
                    .isEqualTo(value));
        }
    }

    /**
     * A batch answer is one result per line, streamed: a service whose answer breaks off after some results
     * (its process died, its connection was cut) must reach the client broken off too, never as a shorter
     * answer that ended cleanly, which a client would take for the whole of it (docs/batches.md).
     */
    @Test
    void anAnswerThatBreaksOffAtTheServiceReachesTheClientBrokenOff() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Backend.BROKEN_OFF))
                .POST(HttpRequest.BodyPublishers.ofString("{}\n{}\n{}\n")).build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        HttpResponse<String> whole = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + Backend.BROKEN_OFF + "?whole")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(whole.body()).as("the same answer, ended").hasLineCount(3);
    }

    /** One segment below every prefix of the table, and one path no service serves. */
    private static Set<String> prefixes() {
        Set<String> paths = new LinkedHashSet<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            for (String prefix : service.routes()) {
                paths.add((prefix.equals("/") ? "" : prefix) + "/" + RouteProbe.PLACEHOLDER);
            }
        }
        paths.add("/not-served/" + RouteProbe.PLACEHOLDER);
        return paths;
    }

    /** The stand-in for every service: reads any body and answers 200 with the services' headers. */
    private record Backend(HttpServer server, Map<String, ServiceInstance> instances, int[] count) {

        /** Answers two results of a batch and breaks off, or with {@code ?whole} answers three and ends. */
        static final String BROKEN_OFF = "/api/v1/batch/broken-off";

        static Backend start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                int[] count = {0};
                server.createContext("/", exchange -> {
                    synchronized (count) {
                        count[0]++;
                    }
                    exchange.getRequestBody().readAllBytes();
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    SecurityHeaders.ALL.forEach(exchange.getResponseHeaders()::set);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.createContext(BROKEN_OFF, exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    out.write("{\"line\":1}\n{\"line\":2}\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (exchange.getRequestURI().getQuery() == null) {
                        // The server closes the connection without the chunk that ends the answer.
                        throw new IOException("the service broke off its answer");
                    }
                    out.write("{\"line\":3}\n".getBytes(StandardCharsets.UTF_8));
                    exchange.close();
                });
                server.start();
                return new Backend(server, new LinkedHashMap<>(), count);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized ServiceInstance instance(ServiceDefinition service) {
            return instances.computeIfAbsent(service.name(), name -> {
                ServiceInstance instance = new ServiceInstance(service, 1, server.getAddress().getPort(),
                        null, Path.of("unused.log"), new ProcessBuilder("sleep", "600"));
                instance.start();
                instance.ready(true);
                return instance;
            });
        }

        int received() {
            synchronized (count) {
                return count[0];
            }
        }

        void stop() throws InterruptedException {
            for (ServiceInstance instance : instances.values()) {
                instance.kill();
            }
            server.stop(0);
        }
    }
}
