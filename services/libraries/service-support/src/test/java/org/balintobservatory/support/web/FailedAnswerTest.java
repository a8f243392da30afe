package org.balintobservatory.support.web;

import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An answer that fails after it began (a batch's first line results, a CSV's first rows, sent with their
 * {@code 200}) reaches the client broken off, never ended as if complete: the container closes the connection
 * without the last chunk, so an HTTP client fails to read it, whatever the failure: an exception, a refusal, an
 * {@code Error}, or a failure caused by an {@code EOFException}, as a lost database connection reads, which Spring
 * MVC alone would take for a client that went away and end quietly ({@code BrokenOffAnswers}). The batch
 * protocol relies on it (docs/batches.md): a client sends a chunk whose answer broke off again, and takes an answer
 * that ended for the whole of it.
 */
class FailedAnswerTest extends FixtureTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFailureAfterTheAnswerBeganBreaksItOff() {
        for (String failure : new String[] {"exception", "refusal", "error", "lost-connection"}) {
            assertThatThrownBy(() -> get("/api/v1/broken-answer?failure=" + failure))
                    .as(failure).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aFailureBeforeTheAnswerBeganIsAnsweredAsProblemDetails() throws Exception {
        assertThatThrownBy(() -> get("/api/v1/broken-answer?failure=exception")).isInstanceOf(IOException.class);

        // Before the answer begins, a failure is answered as problem details, as always.
        HttpResponse<String> refused = get("/api/v1/things/t-1");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base().resolve(target))
                .header("Authorization", "Bearer " + (target.contains("broken-answer") ? ADMIN : RESEARCHER))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
