package org.balintobservatory.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends institutions' batch lines ({@link NdjsonWriter.Lines}) through the two batch endpoints, as a school
 * integration would: each institution with its own key, its group lines in order and then its survey lines, in
 * chunks below the batch limit, several institutions at a time. The demo load and the benchmark both load this
 * way (docs/batches.md).
 *
 * <p>A chunk whose request failed (no answer, 5xx, 429, or 401 while a just-issued key has not reached the
 * service yet) or that has a line answered 5xx is sent again with the same lines: every id is client-chosen,
 * so the lines already stored come back {@code unchanged} and nothing is stored twice. A 429 is the service asking
 * the load to wait while the read models catch up (backpressure, docs/batches.md): the chunk is sent again after
 * its {@code Retry-After}, and such waits do not count as failed attempts.
 */
public final class BatchLoader {

    public static final String GROUP_BATCH = "/api/v1/batch";
    public static final String SURVEY_BATCH = "/api/v1/survey-responses/batch";
    /** Lines per request of the demo load: a few requests per institution, each answered within seconds. */
    public static final int DEMO_CHUNK_LINES = 2_000;
    private static final int ATTEMPTS = 8;
    /** The most times one chunk waits for {@code Retry-After} before the load gives up: an hour at 5 s each. */
    private static final int BUSY_WAITS = 720;

    private final URI baseUrl;
    private final int chunkLines;
    private final int concurrency;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong linesDone = new AtomicLong();

    /**
     * @param chunkLines  lines per request, 1 to 20,000 (the batch limit)
     * @param concurrency institutions loaded at the same time
     */
    public BatchLoader(URI baseUrl, int chunkLines, int concurrency, Consumer<String> log) {
        if (chunkLines < 1 || chunkLines > 20_000) {
            throw new IllegalArgumentException("chunk lines must be 1 to 20,000 (the batch limit)");
        }
        this.baseUrl = baseUrl;
        this.chunkLines = chunkLines;
        this.concurrency = concurrency;
        this.log = log;
    }

    /**
     * What a load did.
     *
     * @param lines     lines answered (each counted once, however often its chunk was retried)
     * @param requests  batch requests answered, retries included
     * @param retries   chunks sent again
     * @param unchanged lines answered as idempotent repeats
     * @param refused   lines refused (4xx other than a repeat)
     * @param refusals  the first refused lines' answers
     * @param skipped   institutions not loaded, for want of a key
     * @param seconds   from the first request to the last answer
     */
    public record Result(long lines, long requests, long retries, long unchanged, long refused, List<String> refusals,
                         List<String> skipped, double seconds) {

        /** Lines stored by this load: answered, neither repeats nor refused. */
        public long stored() {
            return lines - unchanged - refused;
        }
    }

    /** Lines answered so far: a load's progress, for a console. */
    public long linesDone() {
        return linesDone.get();
    }

    /**
     * @param institutions lines per institution, loaded in this order
     * @param keys         API key per institution; institutions without one are skipped
     */
    public Result load(Map<String, NdjsonWriter.Lines> institutions, Map<String, String> keys)
            throws InterruptedException {
        Counters counters = new Counters();
        List<String> skipped = new ArrayList<>();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Map.Entry<String, NdjsonWriter.Lines> institution : institutions.entrySet()) {
                String key = keys.get(institution.getKey());
                if (key == null) {
                    skipped.add(institution.getKey());
                    continue;
                }
                running.add(pool.submit(() -> {
                    send(GROUP_BATCH, institution.getValue().groups(), key, counters);
                    send(SURVEY_BATCH, institution.getValue().surveys(), key, counters);
                    log.accept("loaded " + institution.getKey());
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("loading failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!skipped.isEmpty()) {
            log.accept("no API key for " + skipped + ": not loaded");
        }
        return new Result(counters.lines.get(), counters.requests.get(), counters.retries.get(),
                counters.unchanged.get(), counters.refused.get(), List.copyOf(counters.refusals), List.copyOf(skipped),
                (System.nanoTime() - start) / 1e9);
    }

    private static final class Counters {
        final AtomicLong lines = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    }

    private void send(String path, List<String> all, String key, Counters counters)
            throws IOException, InterruptedException {
        for (int from = 0; from < all.size(); from += chunkLines) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + chunkLines));
            String body = String.join("\n", chunk) + "\n";
            String failure = null;
            boolean done = false;
            int busyWaits = 0;
            for (int attempt = 0; attempt < ATTEMPTS && !done; attempt++) {
                if (attempt > 0) {
                    counters.retries.incrementAndGet();
                    Thread.sleep(Math.min(10_000, 250L << attempt));
                }
                HttpResponse<String> answer;
                try {
                    answer = http.send(HttpRequest.newBuilder(baseUrl.resolve(path))
                            .timeout(Duration.ofMinutes(10))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    failure = e.toString();
                    continue;
                }
                counters.requests.incrementAndGet();
                int status = answer.statusCode();
                if (status == 429 && busyWaits++ < BUSY_WAITS) {
                    failure = status + " " + abbreviate(answer.body());
                    Thread.sleep(1000L * answer.headers().firstValueAsLong("Retry-After").orElse(1));
                    attempt--;
                    continue;
                }
                if (status >= 500 || status == 429 || status == 401) {
                    failure = status + " " + abbreviate(answer.body());
                    continue;
                }
                if (status != 200) {
                    throw new IllegalStateException(path + " refused a whole chunk with " + status + ": "
                            + abbreviate(answer.body()));
                }
                LineStatuses statuses = statuses(answer.body());
                if (statuses.serverErrors() > 0) {
                    failure = statuses.serverErrors() + " lines answered 5xx";
                    continue;
                }
                if (statuses.answered() != chunk.size()) {
                    throw new IllegalStateException(path + " answered " + statuses.answered() + " lines for "
                            + chunk.size() + " sent");
                }
                counters.lines.addAndGet(chunk.size());
                linesDone.addAndGet(chunk.size());
                counters.unchanged.addAndGet(statuses.unchanged());
                counters.refused.addAndGet(statuses.refused().size());
                statuses.refused().stream().limit(5).forEach(r -> {
                    if (counters.refusals.size() < 20) {
                        counters.refusals.add(path + " " + r);
                    }
                });
                done = true;
            }
            if (!done) {
                throw new IOException(path + ": a chunk failed " + ATTEMPTS + " times, last: " + failure);
            }
        }
    }

    private record LineStatuses(long answered, long unchanged, long serverErrors, List<String> refused) {
    }

    /** Every batch endpoint answers one NDJSON result per line, with an {@code outcome} (docs/batches.md). */
    private LineStatuses statuses(String body) throws IOException {
        long answered = 0;
        long unchanged = 0;
        long serverErrors = 0;
        List<String> refused = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            answered++;
            JsonNode result = json.readTree(line);
            int status = result.path("status").asInt();
            String outcome = result.path("outcome").asText();
            if (status >= 500) {
                serverErrors++;
            } else if (outcome.equals("unchanged")) {
                unchanged++;
            } else if (outcome.equals("refused")) {
                refused.add(abbreviate(line));
            }
        }
        return new LineStatuses(answered, unchanged, serverErrors, refused);
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }
}
