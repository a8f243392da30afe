package org.balintobservatory.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calls to the stack's public API (through the gateway) and to the analytics service's metrics. */
public final class StackClient {

    private static final Pattern LAG = Pattern.compile("^balint_analytics_consumer_lag\\{[^}]*} ([0-9.eE+-]+)$",
            Pattern.MULTILINE);
    private static final Pattern CONSUMED = Pattern.compile(
            "^balint_analytics_events_(?:consumed|skipped)_total(?:\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private final URI baseUrl;
    private final URI analyticsUrl;
    private final String metricsKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param metricsKey an ADMIN key: the services serve their metrics to administrators only */
    public StackClient(URI baseUrl, URI analyticsUrl, String metricsKey) {
        this.baseUrl = baseUrl;
        this.analyticsUrl = analyticsUrl;
        this.metricsKey = metricsKey;
    }

    /** An answer: status, body, and how long it took from sending to the last byte. */
    public record Answer(int status, String body, long nanos) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer get(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).GET().build());
    }

    public Answer postJson(String path, String key, Object body) throws IOException, InterruptedException {
        return send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    public Answer put(String path, String key, Object body) throws IOException, InterruptedException {
        return send(request(path, key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    public Answer post(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * A POST that may take longer than the usual minute, such as cutting a data release of a large consortium;
     * the local stack's gateway waits at most five minutes for any answer.
     */
    public Answer post(String path, String key, Duration timeout) throws IOException, InterruptedException {
        return send(request(path, key).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
    }

    public JsonNode parse(String body) throws IOException {
        return json.readTree(body);
    }

    public String toJson(Map<String, ?> value) throws IOException {
        return json.writeValueAsString(value);
    }

    /**
     * Where the analytics consumer stands, from its Prometheus endpoint.
     *
     * @param lag      records on the research topics not yet in the read models, summed over partitions
     *                 ({@code -1} while the consumer has no partitions yet)
     * @param consumed records applied or skipped since the service started
     */
    public record ConsumerPosition(long lag, long consumed) {
    }

    public ConsumerPosition consumerPosition() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(analyticsUrl.resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + metricsKey).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("analytics /actuator/prometheus answered " + response.statusCode());
        }
        return parsePosition(response.body());
    }

    static ConsumerPosition parsePosition(String prometheus) {
        long lag = 0;
        boolean partitions = false;
        Matcher m = LAG.matcher(prometheus);
        while (m.find()) {
            partitions = true;
            lag += (long) Double.parseDouble(m.group(1));
        }
        long consumed = 0;
        Matcher c = CONSUMED.matcher(prometheus);
        while (c.find()) {
            consumed += (long) Double.parseDouble(c.group(1));
        }
        return new ConsumerPosition(partitions ? lag : -1, consumed);
    }
}
