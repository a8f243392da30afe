package org.balintobservatory.analytics.readmodel.release;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The published data releases, and the store each is read from. A release's record is written after all
 * its collections, so a release that can be found is complete. Every release is kept: nothing drops a
 * release's collections or its record, so any release ever published can be asked again.
 *
 * <p>A record also says whether the states the release published are recorded among every release's
 * ({@value #STATES_RECORDED}, what the next cut compares with): every release published here is; one
 * published before states were recorded is marked once its states have been.
 */
@Component
public class DataReleases {

    static final String COLLECTION = "analytics_releases";
    static final String STATES_RECORDED = "statesRecorded";

    private final MongoDatabase database;
    private final MongoCollection<Document> records;

    public DataReleases(MongoDatabase database) {
        this.database = database;
        this.records = database.getCollection(COLLECTION);
    }

    /** Every release, the first first. */
    public List<DataRelease> list() {
        List<DataRelease> all = new ArrayList<>();
        records.find().sort(Sorts.ascending("_id")).forEach(d -> all.add(DataRelease.fromDocument(d)));
        return all;
    }

    public Optional<DataRelease> latest() {
        return Optional.ofNullable(records.find().sort(Sorts.descending("_id")).limit(1).first())
                .map(DataRelease::fromDocument);
    }

    /** The release of that name, if one was published. */
    public Optional<DataRelease> named(String name) {
        return Optional.ofNullable(records.find(Filters.eq("name", name)).limit(1).first())
                .map(DataRelease::fromDocument);
    }

    /** The last release cut before {@code end}: the one an answer "as of" a time comes from. */
    public Optional<DataRelease> cutBefore(Instant end) {
        return Optional.ofNullable(records.find(Filters.lt("cutAt", Date.from(end))).sort(Sorts.descending("_id"))
                .limit(1).first()).map(DataRelease::fromDocument);
    }

    public MongoReadModelStore store(DataRelease release) {
        return MongoReadModelStore.release(database, release.id(), release.generation());
    }

    /** The empty store a release about to be cut is written to. */
    public MongoReadModelStore newStore(int id, int generation) {
        MongoReadModelStore store = MongoReadModelStore.release(database, id, generation);
        store.drop();
        return store;
    }

    /** Publishes a release whose collections are complete and whose published states are recorded. */
    public void publish(DataRelease release) {
        records.insertOne(release.toDocument().append(STATES_RECORDED, true));
    }

    /** The releases published before their states were recorded and not recorded since, the first first. */
    public List<DataRelease> withStatesUnrecorded() {
        List<DataRelease> unrecorded = new ArrayList<>();
        records.find(Filters.ne(STATES_RECORDED, true)).sort(Sorts.ascending("_id"))
                .forEach(d -> unrecorded.add(DataRelease.fromDocument(d)));
        return unrecorded;
    }

    /** Marks a release published before states were recorded as recorded now. */
    public void statesRecorded(DataRelease release) {
        records.updateOne(Filters.eq("_id", release.id()), Updates.set(STATES_RECORDED, true));
    }
}
