package org.balintobservatory.analytics.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The published data releases, and the store each is read from. A release's record is written after all
 * its collections, so a release that can be found is complete.
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

    /**
     * The release named, or the latest when no name is given; empty when there is none (yet). A day
     * ({@code 2026-10-01}) that names no release asks "as of" that day: the last release cut on or before it
     * (UTC), so an answer can be given as it stood on a date, and says which release that was.
     */
    public Optional<DataRelease> find(String name) {
        if (name == null || name.isBlank()) {
            return latest();
        }
        Optional<DataRelease> named = Optional.ofNullable(records.find(Filters.eq("name", name)).limit(1).first())
                .map(DataRelease::fromDocument);
        if (named.isPresent() || !name.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return named;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(name);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Date endOfDay = Date.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return Optional.ofNullable(records.find(Filters.lt("cutAt", endOfDay)).sort(Sorts.descending("_id")).limit(1)
                .first()).map(DataRelease::fromDocument);
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
