package org.balintobservatory.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.demo.NdjsonWriter;

import java.io.IOException;
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
 * Sends institutions' batch lines through the two batch endpoints, as a school integration would: each
 * institution with its own key, its group lines in order and then its survey lines, in chunks below the batch
 * limit, several institutions at a time.
 *
 * <p>A chunk whose request failed (no answer, 5xx, 429, or 401 while a just-issued key has not reached the
 * service yet) or that has a line answered 5xx is sent again with the same lines: every id is client-chosen,
 * so the lines already stored come back unchanged and nothing is stored twice.
 */
public final class BatchLoad {

    static final String GROUP_BATCH = "/api/v1/batch";
    static final String SURVEY_BATCH = "/api/v1/survey-responses/batch";
    private static final int ATTEMPTS = 8;

    private final StackClient client;
    private final int chunkLines;
    private final int concurrency;
    private final Consumer<String> log;

    public BatchLoad(StackClient client, int chunkLines, int concurrency, Consumer<String> log) {
        this.client = client;
        this.chunkLines = chunkLines;
        this.concurrency = concurrency;
        this.log = log;
    }

    /**
     * What a load did.
     *
     * @param lines     lines sent (each counted once, however often its chunk was retried)
     * @param requests  batch requests answered, retries included
     * @param retries   chunks sent again
     * @param unchanged lines answered as idempotent repeats
     * @param refusals  lines refused (4xx other than a repeat), with the first few answers
     * @param seconds   from the first request to the last answer
     */
    public record Result(long lines, long requests, long retries, long unchanged, long refused, List<String> refusals,
                         double seconds) {
    }

    /** @param institutions lines and key per institution, loaded in this order */
    public Result load(Map<String, NdjsonWriter.Lines> institutions, Map<String, String> keys)
            throws InterruptedException {
        AtomicLong lines = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicLong unchanged = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        Counters counters = new Counters(lines, requests, retries, unchanged, refused, refusals);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Map.Entry<String, NdjsonWriter.Lines> institution : institutions.entrySet()) {
                String key = keys.get(institution.getKey());
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
        return new Result(lines.get(), requests.get(), retries.get(), unchanged.get(), refused.get(),
                List.copyOf(refusals), (System.nanoTime() - start) / 1e9);
    }

    private record Counters(AtomicLong lines, AtomicLong requests, AtomicLong retries, AtomicLong unchanged,
                            AtomicLong refused, List<String> refusals) {
    }

    private void send(String path, List<String> all, String key, Counters counters)
            throws IOException, InterruptedException {
        for (int from = 0; from < all.size(); from += chunkLines) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + chunkLines));
            String body = String.join("\n", chunk) + "\n";
            String failure = null;
            boolean done = false;
            for (int attempt = 0; attempt < ATTEMPTS && !done; attempt++) {
                if (attempt > 0) {
                    counters.retries().incrementAndGet();
                    Thread.sleep(Math.min(10_000, 250L << attempt));
                }
                StackClient.Answer answer;
                try {
                    answer = client.postNdjson(path, key, body);
                } catch (IOException e) {
                    failure = e.toString();
                    continue;
                }
                counters.requests().incrementAndGet();
                int status = answer.status();
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
                counters.lines().addAndGet(chunk.size());
                counters.unchanged().addAndGet(statuses.unchanged());
                counters.refused().addAndGet(statuses.refused().size());
                statuses.refused().stream().limit(5).forEach(r -> {
                    if (counters.refusals().size() < 20) {
                        counters.refusals().add(path + " " + r);
                    }
                });
                done = true;
            }
            if (!done) {
                throw new IOException(path + ": a chunk failed " + ATTEMPTS + " times, last: " + failure);
            }
        }
    }

    private record LineStatuses(long unchanged, long serverErrors, List<String> refused) {
    }

    /** Every batch endpoint answers one NDJSON result per line, with an {@code outcome} (docs/batches.md). */
    private LineStatuses statuses(String body) throws IOException {
        long unchanged = 0;
        long serverErrors = 0;
        List<String> refused = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode result = client.parse(line);
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
        return new LineStatuses(unchanged, serverErrors, refused);
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }
}
