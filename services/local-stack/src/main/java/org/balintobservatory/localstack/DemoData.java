package org.balintobservatory.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.balintobservatory.demo.ApiPlan;
import org.balintobservatory.demo.BatchLoader;
import org.balintobservatory.demo.Consortium;
import org.balintobservatory.demo.ConsortiumGenerator;
import org.balintobservatory.demo.ConsortiumSpec;
import org.balintobservatory.demo.NdjsonWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo consortium (see docs/demo-data.md), loaded through the public API's batch endpoints on a stack's
 * first start so
 * that a newcomer's first screen shows real comparisons. A marker file in the data directory records that
 * it was loaded; loading again would change nothing anyway, as every id is client-chosen.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String MARKER = "demo-data-loaded";

    private final Consortium consortium;

    public DemoData(long seed) {
        this.consortium = ConsortiumGenerator.generate(ConsortiumSpec.demo(seed));
    }

    public List<String> institutions() {
        return consortium.institutions().stream().map(Consortium.Institution::id).toList();
    }

    public static boolean loaded(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve(MARKER));
    }

    /**
     * Registers the demo school and every demo institution in the institution registry with the admin key,
     * then sends the whole consortium through the gateway, each institution with its own key.
     */
    public BatchLoader.Result load(URI baseUrl, ApiKeys keys, Path dataDirectory) throws InterruptedException {
        Instant started = Instant.now();
        registerInstitutions(baseUrl, keys.admin());
        log.info("loading the demo consortium: {} institutions, {} groups (first start only)",
                consortium.institutions().size(), consortium.groups().size());
        Map<String, NdjsonWriter.Lines> batches;
        try {
            batches = NdjsonWriter.byInstitution(ApiPlan.byInstitution(consortium));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the demo consortium could not be written as batch lines", e);
        }
        long total = batches.values().stream().mapToLong(l -> l.groups().size() + l.surveys().size()).sum();
        AtomicInteger institutionsDone = new AtomicInteger();
        BatchLoader loader = new BatchLoader(baseUrl, BatchLoader.DEMO_CHUNK_LINES, 4, message -> {
            if (message.startsWith("loaded ")) {
                institutionsDone.incrementAndGet();
            }
            log.info("demo consortium: {}", message);
        });
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-data-progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.scheduleAtFixedRate(() -> log.info("demo consortium: {} / {} batch lines, {} / {} institutions loaded",
                loader.linesDone(), total, institutionsDone.get(), batches.size()), 10, 10, TimeUnit.SECONDS);
        BatchLoader.Result result;
        try {
            result = loader.load(batches, keys.schools());
        } finally {
            progress.shutdownNow();
        }
        log.info("demo consortium loaded in {} s through the batch endpoints: {} lines in {} requests, {} stored, "
                + "{} already there, {} refused", Duration.between(started, Instant.now()).toSeconds(), result.lines(),
                result.requests(), result.stored(), result.unchanged(), result.refused());
        result.refusals().stream().limit(10).forEach(r -> log.warn("refused: {}", r));
        try {
            Files.writeString(dataDirectory.resolve(MARKER), started.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private void registerInstitutions(URI baseUrl, String adminKey) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Consortium.Institution> institutions = new ArrayList<>();
        institutions.add(new Consortium.Institution(ApiKeys.DEMO_INSTITUTION, "Demo School of Medicine", "FR"));
        institutions.addAll(consortium.institutions());
        for (Consortium.Institution institution : institutions) {
            String body = "{\"institutionId\":\"%s\",\"name\":\"%s\",\"country\":\"%s\"}".formatted(
                    institution.id(), institution.name().replace("\"", "'"), institution.country());
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUrl.resolve("/api/v1/institutions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + adminKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    log.warn("registering institution {} answered {}: {}", institution.id(), response.statusCode(),
                            response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not register institution " + institution.id(), e);
            }
        }
        log.info("{} institutions registered", institutions.size());
    }
}
