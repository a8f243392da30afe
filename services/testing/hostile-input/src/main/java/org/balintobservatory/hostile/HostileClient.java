package org.balintobservatory.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/**
 * Sends {@link HostileRequest}s to a running service with the API key its path takes, and counts what it
 * sent and how many answers were 429 (a rate limit answering before the request is even read would hide
 * what the fuzz is there to judge).
 */
public final class HostileClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final Function<String, String> keyForPath;
    private long sent;
    private long rateLimited;

    /**
     * @param baseUrl    e.g. {@code http://localhost:8081}
     * @param keyForPath the API key a request to this path is sent with
     */
    public HostileClient(String baseUrl, Function<String, String> keyForPath) {
        this.baseUrl = baseUrl;
        this.keyForPath = keyForPath;
    }

    public HttpResponse<String> exchange(HostileRequest request) {
        sent++;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + keyForPath.apply(request.path()))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                rateLimited++;
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(request.describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the request and has {@code refusals} judge the answer. */
    public void send(HostileRequest request, Refusals refusals) {
        HttpResponse<String> response = exchange(request);
        refusals.record(request, response.statusCode(), contentType(response), parse(response.body()));
    }

    /** Requests sent so far. */
    public long sent() {
        return sent;
    }

    /** Answers that were 429 so far. */
    public long rateLimited() {
        return rateLimited;
    }

    public static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    /** The body as JSON; a body that is not JSON as a text node, so a judge can still show it. */
    public static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
