package org.balintobservatory.analytics.it;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.projection.ReadModelProjection;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.analytics.readmodel.ReadModelComparison;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.store.ReadModelConflictException;
import org.balintobservatory.analytics.readmodel.store.ReadModelStore;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.survey.Timepoint;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two writers on the same documents, as two instances of the service (or a consumer still writing a batch
 * for partitions it has just lost) can be: the one that writes second, on what it read before the first
 * wrote, fails with a conflict instead of overwriting, and applying its batch again ends in the state the
 * two batches give one after the other. Against the real (or in-process) MongoDB.
 */
class VersionedWritesIT extends AnalyticsIntegrationTest {

    private static final int SHARED = 901;
    private static final int SEQUENTIAL = 902;

    @Autowired
    ReadModelProjection projection;

    @AfterEach
    void drop() {
        new MongoReadModelStore(database, SHARED).drop();
        new MongoReadModelStore(database, SEQUENTIAL).drop();
    }

    @Test
    void aReplaceOnAStaleReadIsAConflictAndLeavesTheOtherWritersDocument() {
        MongoReadModelStore store = new MongoReadModelStore(database, SHARED);
        ReadModelStore setup = store.forBatch();
        setup.load(ReadModel.CATALOGUE, List.of("doc"));
        setup.write(ReadModel.CATALOGUE, List.of(new Document("_id", "doc").append("who", "setup")));

        ReadModelStore slow = store.forBatch();
        ReadModelStore fast = store.forBatch();
        slow.load(ReadModel.CATALOGUE, List.of("doc"));
        fast.load(ReadModel.CATALOGUE, List.of("doc"));
        fast.write(ReadModel.CATALOGUE, List.of(new Document("_id", "doc").append("who", "fast")));

        assertThatThrownBy(() -> slow.write(ReadModel.CATALOGUE, List.of(new Document("_id", "doc").append("who", "slow"))))
                .isInstanceOf(ReadModelConflictException.class);
        assertThat(store.find(ReadModel.CATALOGUE, "doc").orElseThrow().getString("who")).isEqualTo("fast");
    }

    @Test
    void twoInsertsOfOneNewDocumentAreAConflictForTheSecond() {
        MongoReadModelStore store = new MongoReadModelStore(database, SHARED);
        ReadModelStore first = store.forBatch();
        ReadModelStore second = store.forBatch();
        first.load(ReadModel.INSTITUTION_TOTALS, List.of("new"));
        second.load(ReadModel.INSTITUTION_TOTALS, List.of("new"));
        first.write(ReadModel.INSTITUTION_TOTALS, List.of(new Document("_id", "new").append("who", "first")));

        assertThatThrownBy(() -> second.write(ReadModel.INSTITUTION_TOTALS,
                List.of(new Document("_id", "new").append("who", "second"))))
                .isInstanceOf(ReadModelConflictException.class);
        assertThat(store.find(ReadModel.INSTITUTION_TOTALS, "new").orElseThrow().getString("who")).isEqualTo("first");
    }

    @Test
    void aBatchOverlappedByAnotherIsAppliedAgainToWhatTheOtherWrote() {
        // Two groups and programmes of one institution: the institution's profile, activity, directory,
        // totals and the catalogue are written by both batches.
        List<ConsumedEvent> first = institutionBatch("g-one", "p-one", "a");
        List<ConsumedEvent> second = institutionBatch("g-two", "p-two", "b");

        MongoReadModelStore shared = new MongoReadModelStore(database, SHARED);
        ReadModelStore overlapped = new OvertakenStore(shared.forBatch(),
                () -> projection.apply(second, shared.forBatch()));
        assertThatThrownBy(() -> projection.apply(first, overlapped)).isInstanceOf(ReadModelConflictException.class);
        projection.apply(first, shared.forBatch());

        MongoReadModelStore sequential = new MongoReadModelStore(database, SEQUENTIAL);
        projection.apply(second, sequential.forBatch());
        projection.apply(first, sequential.forBatch());

        Map<ReadModel, Map<String, Document>> both = ReadModelComparison.dump(database, SHARED);
        assertThat(both.get(ReadModel.INSTITUTION_TOTALS)).containsKey("versioned-school");
        assertThat(both.get(ReadModel.INSTITUTIONS).get("versioned-school").toJson()).contains("g-one", "g-two");
        assertThat(ReadModelComparison.normalise(both))
                .isEqualTo(ReadModelComparison.normalise(ReadModelComparison.dump(database, SEQUENTIAL)));
    }

    private static List<ConsumedEvent> institutionBatch(String group, String programme, String prefix) {
        List<String> roster = List.of(prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4", prefix + "-5");
        EventStream stream = new EventStream("versioned-school")
                .programme(programme, Arm.INTERVENTION)
                .group(group, programme, roster.toArray(String[]::new))
                .session(group, group + "-s1", EventStream.START, roster, roster.subList(0, 4), CaseTheme.values()[0]);
        for (int i = 0; i < roster.size(); i++) {
            stream.survey(group + "-pre-" + i, roster.get(i), programme, group, Timepoint.BASELINE, 90 + i)
                    .survey(group + "-post-" + i, roster.get(i), programme, group, Timepoint.POST, 95 + 2 * i);
        }
        return stream.drain();
    }

    /** A batch's view whose first write comes after another writer has applied a whole batch. */
    private static final class OvertakenStore implements ReadModelStore {

        private final ReadModelStore delegate;
        private Runnable overtake;

        OvertakenStore(ReadModelStore delegate, Runnable overtake) {
            this.delegate = delegate;
            this.overtake = overtake;
        }

        @Override
        public Map<String, Document> load(ReadModel model, Collection<String> ids) {
            return delegate.load(model, ids);
        }

        @Override
        public void write(ReadModel model, Collection<Document> documents) {
            if (overtake != null && !documents.isEmpty()) {
                overtake.run();
                overtake = null;
            }
            delegate.write(model, documents);
        }
    }
}
