package org.balintobservatory.analytics.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
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
 */
@Component
public class DataReleases {

    static final String COLLECTION = "analytics_releases";

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

    /** Publishes a release whose collections are complete. */
    public void publish(DataRelease release) {
        records.insertOne(release.toDocument());
    }
}
