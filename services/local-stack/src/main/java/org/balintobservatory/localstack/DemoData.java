package org.balintobservatory.localstack;

import org.balintobservatory.demo.ApiPlan;
import org.balintobservatory.demo.Consortium;
import org.balintobservatory.demo.ConsortiumGenerator;
import org.balintobservatory.demo.ConsortiumSpec;
import org.balintobservatory.demo.HttpLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo consortium (see docs/demo-data.md), loaded through the public API on a stack's first start so
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

    /** Sends the whole consortium through the gateway, each institution with its own key. */
    public HttpLoader.Result load(URI baseUrl, ApiKeys keys, Path dataDirectory) throws InterruptedException {
        Instant started = Instant.now();
        log.info("loading the demo consortium: {} institutions, {} groups", consortium.institutions().size(),
                consortium.groups().size());
        HttpLoader.Result result = new HttpLoader(baseUrl, keys.schools(), 4, log::info)
                .load(ApiPlan.byInstitution(consortium));
        log.info("demo consortium loaded in {} s: {} calls accepted, {} already there, {} refused",
                Duration.between(started, Instant.now()).toSeconds(), result.sent(), result.alreadyThere(),
                result.refused());
        result.refusals().stream().limit(10).forEach(r -> log.warn("refused: {}", r));
        try {
            Files.writeString(dataDirectory.resolve(MARKER), started.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
