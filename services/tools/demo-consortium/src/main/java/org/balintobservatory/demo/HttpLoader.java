package org.balintobservatory.demo;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends a plan through the public API: institutions in parallel, each institution's calls in order, with
 * its own key. A call answered 409 was made before (ids are client-chosen), so a load can simply be run
 * again after an interruption; 5xx answers and lost connections are retried with back-off.
 */
public final class HttpLoader {

    private static final int ATTEMPTS = 6;

    private final URI baseUrl;
    private final Map<String, String> keys;
    private final int concurrency;
    private final Consumer<String> log;
    private final AtomicLong callsDone = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param keys        API key per institution id; institutions without a key are skipped
     * @param concurrency institutions loaded at the same time
     */
    public HttpLoader(URI baseUrl, Map<String, String> keys, int concurrency, Consumer<String> log) {
        this.baseUrl = baseUrl;
        this.keys = Map.copyOf(keys);
        this.concurrency = concurrency;
        this.log = log;
    }

    /** What a load did. */
    public record Result(long sent, long alreadyThere, long refused, List<String> skippedInstitutions,
                         List<String> refusals) {
    }

    /** Calls answered so far, accepted or refused: a load's progress, for a console. */
    public long callsDone() {
        return callsDone.get();
    }

    public Result load(Map<String, List<ApiRequest>> plan) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong alreadyThere = new AtomicLong();
        List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> skipped = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Map.Entry<String, List<ApiRequest>> institution : plan.entrySet()) {
                String key = keys.get(institution.getKey());
                if (key == null) {
                    skipped.add(institution.getKey());
                    continue;
                }
                running.add(pool.submit(() -> {
                    for (ApiRequest request : institution.getValue()) {
                        int status = send(request, key, refusals);
                        callsDone.incrementAndGet();
                        if (status == 409) {
                            alreadyThere.incrementAndGet();
                        } else if (status < 300) {
                            sent.incrementAndGet();
                        }
                    }
                    log.accept("loaded " + institution.getKey() + " (" + institution.getValue().size() + " calls)");
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("loading failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!skipped.isEmpty()) {
            log.accept("no API key for " + skipped + ": not loaded");
        }
        return new Result(sent.get(), alreadyThere.get(), refusals.size(), skipped, List.copyOf(refusals));
    }

    private int send(ApiRequest request, String key, List<String> refusals) throws IOException, InterruptedException {
        HttpRequest http = HttpRequest.newBuilder(baseUrl.resolve(request.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request.body())))
                .build();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                Thread.sleep(200L << attempt);
            }
            try {
                HttpResponse<String> response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 500 || status == 429) {
                    continue;
                }
                if (status >= 400 && status != 409) {
                    refusals.add(request.method() + " " + request.path() + " -> " + status + " " + response.body());
                }
                return status;
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        throw new IOException("no answer for " + request.method() + " " + request.path() + " after " + ATTEMPTS
                + " attempts", lastFailure);
    }
}
