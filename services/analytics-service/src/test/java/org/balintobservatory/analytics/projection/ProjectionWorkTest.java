package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.ConsortiumStream;
import org.balintobservatory.analytics.readmodel.store.CountingReadModelStore;
import org.balintobservatory.analytics.readmodel.store.InMemoryReadModelStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression guard of the projection's cost: it counts, per event consumed, the documents and BSON
 * bytes the projection reads from and writes to the read-model store, and fails when they exceed the
 * budget below. Work is counted, never time, so no machine can make it pass or fail; a change that
 * multiplies what the projection writes (a group's history rewritten for every event, say) cannot land
 * unnoticed.
 *
 * <p>The consortium is two schools of four groups of 11 members with 30 weekly sessions each, one case per
 * session, and a baseline and a post survey per member (3,394 events). Measured when the budget was set
 * (read-model format 3): a live trickle (each event of the last session alone, as a consumer that keeps up
 * sees them) read and wrote about 5.8 documents / 9,700 bytes per event, most of it the group's summary and
 * its institution's profile, activity and totals; the whole consortium in rebuild batches of 5,000 wrote
 * 0.16 documents / 110 bytes per event. Format 2, which rewrote a group's whole history with every batch,
 * read and wrote about 31,000 bytes per trickled event.
 */
class ProjectionWorkTest {

    private static final int SESSIONS = 30;

    /** Per trickled event, at most: documents read, bytes read, documents written, bytes written. */
    private static final double TRICKLE_DOCUMENTS_READ = 7;
    private static final double TRICKLE_BYTES_READ = 12_000;
    private static final double TRICKLE_DOCUMENTS_WRITTEN = 7;
    private static final double TRICKLE_BYTES_WRITTEN = 12_000;
    /** Per event of a rebuild in batches of 5,000, at most. */
    private static final double REBUILD_DOCUMENTS_WRITTEN = 0.25;
    private static final double REBUILD_BYTES_WRITTEN = 160;

    private final ReadModelProjection projection = new ReadModelProjection(null);
    private List<ConsumedEvent> events;

    @BeforeEach
    void setUp() {
        events = ConsortiumStream.events(2, 4, SESSIONS);
    }

    @Test
    void aLiveEventCostsAFewSmallDocumentsWhateverTheGroupsHistory() {
        InMemoryReadModelStore memory = new InMemoryReadModelStore();
        // Everything up to the last session of the last school's first group in consumer batches, the rest alone.
        int lastSession = lastSessionOfFirstGroup();
        for (List<ConsumedEvent> batch : ConsortiumStream.batches(events.subList(0, lastSession), 500)) {
            projection.apply(batch, memory);
        }
        CountingReadModelStore counting = new CountingReadModelStore(memory);
        List<ConsumedEvent> trickle = events.subList(lastSession, lastSession + ConsortiumStream.MEMBERS + 2);
        for (ConsumedEvent event : trickle) {
            projection.apply(List.of(event), counting);
        }

        CountingReadModelStore.Work work = counting.total();
        int n = trickle.size();
        assertThat((double) work.documentsRead / n).as("documents read per event: %s", work).isLessThanOrEqualTo(TRICKLE_DOCUMENTS_READ);
        assertThat((double) work.bytesRead / n).as("bytes read per event: %s", work).isLessThanOrEqualTo(TRICKLE_BYTES_READ);
        assertThat((double) work.documentsWritten / n).as("documents written per event: %s", work).isLessThanOrEqualTo(TRICKLE_DOCUMENTS_WRITTEN);
        assertThat((double) work.bytesWritten / n).as("bytes written per event: %s", work).isLessThanOrEqualTo(TRICKLE_BYTES_WRITTEN);
    }

    @Test
    void aRebuildWritesEachDocumentAboutOncePerBatch() {
        CountingReadModelStore counting = new CountingReadModelStore(new InMemoryReadModelStore());
        for (List<ConsumedEvent> batch : ConsortiumStream.batches(events, 5_000)) {
            projection.apply(batch, counting);
        }

        CountingReadModelStore.Work work = counting.total();
        int n = events.size();
        assertThat((double) work.documentsWritten / n).as("documents written per event: %s", work).isLessThanOrEqualTo(REBUILD_DOCUMENTS_WRITTEN);
        assertThat((double) work.bytesWritten / n).as("bytes written per event: %s", work).isLessThanOrEqualTo(REBUILD_BYTES_WRITTEN);
    }

    /** The index of the first event of the last session of the last school's first group. */
    private int lastSessionOfFirstGroup() {
        String group = events.get(events.size() - 1).aggregateId().replaceAll("/.*", "") + "/grp-a";
        for (int i = events.size() - 1; i >= 0; i--) {
            ConsumedEvent e = events.get(i);
            if (e.aggregateId().equals(group) && e.payload() instanceof org.balintobservatory.contract.group.SessionHeldEvent) {
                return i;
            }
        }
        throw new IllegalStateException("no session of " + group);
    }
}
