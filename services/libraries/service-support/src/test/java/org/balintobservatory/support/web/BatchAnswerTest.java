package org.balintobservatory.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch line interrupted as Axon interrupts a unit of work past its time limit fails alone: it is answered
 * {@code 500} (send it again), the lines after it run as usual, and the answer reaches the client whole, one result
 * per line. Written from the interrupted thread, the answer reached the client corrupted ("Illegal character in
 * chunk size"), and every later line would have failed at its first wait.
 */
class BatchAnswerTest extends FixtureTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES = 300;

    @Test
    void anInterruptedLineFailsAloneAndTheAnswerArrivesWhole() throws Exception {
        String body = "{}\n".repeat(LINES);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base().resolve("/api/v1/interrupted-batch?interrupted=2"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        List<Integer> statuses = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            JsonNode result = JSON.readTree(line);
            assertThat(result.path("line").asInt()).isEqualTo(statuses.size() + 1);
            statuses.add(result.path("status").asInt());
        }
        assertThat(statuses).hasSize(LINES);
        assertThat(statuses.get(1)).as("the interrupted line").isEqualTo(500);
        assertThat(statuses.subList(2, LINES)).as("the lines after it").containsOnly(201);
    }
}
