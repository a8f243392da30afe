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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch loader against a stand-in of the two batch endpoints on a local port: keys, order and chunks,
 * retries of a failed chunk, and the answers it counts.
 */
class BatchLoaderTest {

    private HttpServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger linesShort = new AtomicInteger();
    private final AtomicInteger busyLeft = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestURI().getPath()
                    + " " + body.strip().replace('\n', '|'));
            if (busyLeft.getAndDecrement() > 0) {
                // The service holds batches back while the read models catch up: wait 0 s, so the test does not.
                exchange.getResponseHeaders().set("Retry-After", "0");
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            StringBuilder answer = new StringBuilder();
            String[] lines = body.strip().split("\n");
            for (int i = 0; i < lines.length - linesShort.get(); i++) {
                String outcome = lines[i].contains("again") ? "unchanged" : lines[i].contains("bad") ? "refused" : "appended";
                int status = outcome.equals("refused") ? 422 : outcome.equals("unchanged") ? 200 : 201;
                answer.append("{\"line\":").append(i + 1).append(",\"status\":").append(status)
                        .append(",\"outcome\":\"").append(outcome).append("\"}\n");
            }
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachInstitutionSendsItsGroupLinesThenItsSurveyLinesInChunksWithItsOwnKey() throws InterruptedException {
        Map<String, NdjsonWriter.Lines> institutions = new LinkedHashMap<>();
        institutions.put("school-a", new NdjsonWriter.Lines(List.of("{\"g\":1}", "{\"g\":2}", "{\"g\":3}"),
                List.of("{\"s\":1}")));
        institutions.put("school-b", new NdjsonWriter.Lines(List.of("{\"g\":4}"), List.of()));
        institutions.put("school-c", new NdjsonWriter.Lines(List.of("{\"g\":5}"), List.of()));

        BatchLoader.Result result = loader(2).load(institutions, Map.of("school-a", "key-a", "school-b", "key-b"));

        assertThat(result.lines()).isEqualTo(5);
        assertThat(result.stored()).isEqualTo(5);
        assertThat(result.requests()).isEqualTo(4);
        assertThat(result.skipped()).containsExactly("school-c");
        assertThat(received).filteredOn(r -> r.startsWith("Bearer key-a")).containsExactly(
                "Bearer key-a application/x-ndjson /api/v1/batch {\"g\":1}|{\"g\":2}",
                "Bearer key-a application/x-ndjson /api/v1/batch {\"g\":3}",
                "Bearer key-a application/x-ndjson /api/v1/survey-responses/batch {\"s\":1}");
        assertThat(received).filteredOn(r -> r.startsWith("Bearer key-b")).hasSize(1);
        assertThat(received).noneMatch(r -> r.contains("\"g\":5"));
    }

    @Test
    void aFailedChunkIsSentAgainAndRepeatsAndRefusalsAreCountedOnce() throws InterruptedException {
        failuresLeft.set(2);
        Map<String, NdjsonWriter.Lines> institutions = Map.of("school-a", new NdjsonWriter.Lines(
                List.of("{\"new\":1}", "{\"again\":1}", "{\"bad\":1}"), List.of()));

        BatchLoader.Result result = loader(10).load(institutions, Map.of("school-a", "key-a"));

        assertThat(received).hasSize(3);
        assertThat(result.retries()).isEqualTo(2);
        assertThat(result.lines()).isEqualTo(3);
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(result.refused()).isEqualTo(1);
        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.refusals()).singleElement().asString().contains("/api/v1/batch", "422");
    }

    /** More 429s than a chunk has attempts for failures: each is waited out, and the chunk is then taken once. */
    @Test
    void aChunkHeldBackByBackpressureIsSentAgainAfterRetryAfterHoweverOften() throws InterruptedException {
        busyLeft.set(12);
        Map<String, NdjsonWriter.Lines> institutions = Map.of("school-a", new NdjsonWriter.Lines(
                List.of("{\"new\":1}", "{\"new\":2}"), List.of()));

        BatchLoader.Result result = loader(10).load(institutions, Map.of("school-a", "key-a"));

        assertThat(received).hasSize(13);
        assertThat(result.lines()).isEqualTo(2);
        assertThat(result.stored()).isEqualTo(2);
    }

    @Test
    void anAnswerMissingLinesFailsTheLoadRatherThanCountingThem() {
        linesShort.set(1);
        Map<String, NdjsonWriter.Lines> institutions = Map.of("school-a", new NdjsonWriter.Lines(
                List.of("{\"new\":1}", "{\"new\":2}"), List.of()));

        assertThatThrownBy(() -> loader(10).load(institutions, Map.of("school-a", "key-a")))
                .hasMessageContaining("answered 1 lines for 2 sent");
    }

    private BatchLoader loader(int chunkLines) {
        return new BatchLoader(URI.create("http://localhost:" + server.getAddress().getPort()), chunkLines, 2,
                line -> { });
    }
}
