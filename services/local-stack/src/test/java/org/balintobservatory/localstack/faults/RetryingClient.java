package org.balintobservatory.localstack.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A school's integration as it should be written: every request that failed, timed out or was answered 503
 * is sent again, unchanged (same ids, same body), until it is answered. Records every answer, and as an
 * anomaly what a client must never see: a 5xx other than 503, a 503 without {@code Retry-After}, or a 4xx
 * to a request that was valid when first sent.
 */
final class RetryingClient {

    /** How long one attempt may take before the client gives up on it and sends it again. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ANOMALIES_KEPT = 50;

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<String> anomalies = new ArrayList<>();
    private final LongAdder retries = new LongAdder();

    RetryingClient(URI base) {
        this.base = base;
    }

    /**
     * Sends until a 2xx answer, then returns it; returns {@code null} after a 4xx, which is recorded as an
     * anomaly, since every request the suite sends is valid.
     */
    HttpResponse<String> send(String method, String path, String key, String body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(ATTEMPT_TIMEOUT)
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpRequest built = request.build();
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                retries.increment();
            }
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                count("timeout");
                continue;
            } catch (IOException e) {
                count("connection error");
                Thread.sleep(250);
                continue;
            }
            int status = response.statusCode();
            count(String.valueOf(status));
            if (status < 300) {
                return response;
            }
            if (status == 503) {
                String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                if (retryAfter == null) {
                    anomaly("503 without Retry-After on " + method + " " + path + ": " + response.body());
                }
                Thread.sleep(retryAfter == null ? 500 : Math.min(2_000, 1_000L * Long.parseLong(retryAfter)));
                continue;
            }
            if (status >= 500) {
                anomaly(status + " on " + method + " " + path + ": " + response.body());
                Thread.sleep(500);
                continue;
            }
            anomaly(status + " on " + method + " " + path + " (a valid request): " + response.body());
            return null;
        }
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
    }

    private synchronized void anomaly(String what) {
        count("anomaly");
        if (anomalies.size() < MAX_ANOMALIES_KEPT) {
            anomalies.add(what.length() > 400 ? what.substring(0, 400) + "…" : what);
        }
    }

    /** Every answer, and every failure to get one, by status or kind, with how often. */
    Map<String, Long> answers() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    long anomalyCount() {
        LongAdder n = answers.get("anomaly");
        return n == null ? 0 : n.sum();
    }

    synchronized List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    long retries() {
        return retries.sum();
    }
}
