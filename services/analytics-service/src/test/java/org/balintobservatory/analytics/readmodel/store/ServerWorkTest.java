package org.balintobservatory.analytics.readmodel.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.projection.ReadModelProjection;
import org.balintobservatory.analytics.readmodel.ConsortiumStream;
import org.balintobservatory.infrastructure.embedded.EmbeddedMongoServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other half of the projection's regression guard ({@code ProjectionWorkTest} counts the documents the
 * projection reads and writes): what those reads and conditional writes cost the read-model server, counted as
 * the documents its queries examine ({@link EmbeddedMongoServer#documentsExamined()}). A query the server cannot
 * answer from the {@code _id} index reads the whole collection, so a read model filtered on another field, or a
 * server that scans for a conditional write (as the local stack's did before it answered {@code _id} and a version
 * from the index), multiplies this count by the collections' size and fails here, whatever the machine's speed.
 *
 * <p>The consortium is two schools of four groups of 11 members with 30 weekly sessions (3,394 events). Measured
 * when the budget was set: the last 13 events applied one by one, as a consumer that keeps up sees them, examined
 * 7.3 documents per event (one per document the projection read by {@code _id}, one per conditional write), and
 * a rebuild in batches of 5,000 examined 0.02; with the server scanning for conditional writes the trickle
 * examined 107.2 per event, a figure that grows with every document the collections hold.
 */
class ServerWorkTest {

    private static final int SESSIONS = 30;
    private static final int TRICKLE = ConsortiumStream.MEMBERS + 2;
    /** Documents examined per event, at most. */
    private static final double TRICKLE_EXAMINED = 12;
    private static final double REBUILD_EXAMINED = 0.1;

    private final ReadModelProjection projection = new ReadModelProjection(null);
    private final List<ConsumedEvent> events = ConsortiumStream.events(2, 4, SESSIONS);

    @Test
    void aLiveEventExaminesOnlyTheDocumentsItReadsAndWrites() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(null, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoReadModelStore store = new MongoReadModelStore(client.getDatabase("server-work"), 1);
            List<ConsumedEvent> history = events.subList(0, events.size() - TRICKLE);
            for (List<ConsumedEvent> batch : ConsortiumStream.batches(history, 500)) {
                projection.apply(batch, store.forBatch());
            }
            long before = server.documentsExamined();
            for (ConsumedEvent event : events.subList(events.size() - TRICKLE, events.size())) {
                projection.apply(List.of(event), store.forBatch());
            }
            double perEvent = (double) (server.documentsExamined() - before) / TRICKLE;
            System.out.printf("read-model server, live trickle: %.1f documents examined per event%n", perEvent);
            assertThat(perEvent).as("documents examined per trickled event").isLessThanOrEqualTo(TRICKLE_EXAMINED);
        }
    }

    @Test
    void aRebuildExaminesLessThanADocumentPerEvent() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(null, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoReadModelStore store = new MongoReadModelStore(client.getDatabase("server-work"), 1);
            long before = server.documentsExamined();
            for (List<ConsumedEvent> batch : ConsortiumStream.batches(events, 5_000)) {
                projection.apply(batch, store.forBatch());
            }
            double perEvent = (double) (server.documentsExamined() - before) / events.size();
            System.out.printf("read-model server, rebuild: %.2f documents examined per event%n", perEvent);
            assertThat(perEvent).as("documents examined per event of a rebuild").isLessThanOrEqualTo(REBUILD_EXAMINED);
        }
    }
}
