package org.balintobservatory.analytics.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.projection.ReadModelProjection;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.infrastructure.embedded.EmbeddedMongoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Measures how fast the projection writes into each backend the local stack's MongoDB-wire server can
 * use: the H2 file it used to keep the read models in, and the in-memory backend, filled from Kafka at
 * start. The same events in consumer-sized batches (500, the live consumer's) and rebuild-sized ones,
 * with the real conditional writes. It is a measurement, not a test: its name keeps it out of the normal
 * run, and it asserts nothing. Run it with
 * {@code ./mvnw -pl services/analytics-service -am test -Dtest=StoreBackendMeasurement -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the table it prints (docs/architecture.md, "The read-model store of the local stack").
 */
class StoreBackendMeasurement {

    private static final int INSTITUTIONS = 4;
    private static final int GROUPS = 20;
    private static final int SESSIONS = 30;

    @TempDir
    Path directory;

    @Test
    void projectionThroughputPerBackend() {
        List<ConsumedEvent> events = ConsortiumStream.events(INSTITUTIONS, GROUPS, SESSIONS);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n%d events (%d schools x %d groups x %d sessions of 11 members)%n| backend | batch | seconds | events/s |%n|---|---:|---:|---:|%n",
                events.size(), INSTITUTIONS, GROUPS, SESSIONS));
        for (int batch : new int[] {500, 5_000}) {
            table.append(run("H2 file (MVStore)", directory.resolve("h2-" + batch + ".mv.db"), events, batch));
            table.append(run("in memory", null, events, batch));
        }
        System.out.println(table);
    }

    private static String run(String backend, Path file, List<ConsumedEvent> events, int batch) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoReadModelStore store = new MongoReadModelStore(client.getDatabase("measurement"), 1);
            ReadModelProjection projection = new ReadModelProjection(null);
            long started = System.nanoTime();
            for (List<ConsumedEvent> b : ConsortiumStream.batches(events, batch)) {
                projection.apply(b, store.forBatch());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f |%n", backend, batch, seconds,
                    events.size() / seconds);
        }
    }
}
