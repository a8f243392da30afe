package org.balintobservatory.analytics.readmodel.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One set of read-model collections in MongoDB: a generation ({@code <name>_g<n>}), or a data release
 * ({@code release_<id>_<name>}), which holds copies of the query-shaped collections cut from a generation.
 */
public final class MongoReadModelStore implements ReadModelStore {

    private final MongoDatabase database;
    private final int generation;
    private final String releasePrefix;

    public MongoReadModelStore(MongoDatabase database, int generation) {
        this(database, generation, null);
    }

    private MongoReadModelStore(MongoDatabase database, int generation, String releasePrefix) {
        this.database = database;
        this.generation = generation;
        this.releasePrefix = releasePrefix;
    }

    /** The collections of data release {@code id}, cut from {@code generation}. */
    public static MongoReadModelStore release(MongoDatabase database, int id, int generation) {
        return new MongoReadModelStore(database, generation, "release_" + id + "_");
    }

    private String collection(ReadModel model) {
        return releasePrefix == null ? model.collection(generation) : releasePrefix + model.baseName();
    }

    MongoCollection<Document> collectionOf(ReadModel model) {
        return database.getCollection(collection(model));
    }

    /**
     * A view of this store for one batch of the projection: every write is conditional on the version the
     * batch read ({@link VersionedWrites}), so concurrent writers cannot lose each other's updates.
     */
    public ReadModelStore forBatch() {
        return new VersionedWrites(this);
    }

    public int generation() {
        return generation;
    }

    @Override
    public Map<String, Document> load(ReadModel model, Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document doc : database.getCollection(collection(model)).find(Filters.in("_id", ids))) {
            found.put(doc.getString("_id"), doc);
        }
        return found;
    }

    @Override
    public void write(ReadModel model, Collection<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        for (Document doc : documents) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true)));
        }
        database.getCollection(collection(model)).bulkWrite(writes);
    }

    public Optional<Document> find(ReadModel model, String id) {
        return Optional.ofNullable(database.getCollection(collection(model)).find(Filters.eq("_id", id)).first());
    }

    /** Every document of {@code model}, in the order of their ids: one cursor, never all of them in memory. */
    public void forEach(ReadModel model, Consumer<Document> action) {
        database.getCollection(collection(model)).find().sort(Sorts.ascending("_id")).forEach(action);
    }

    /** Drops every collection of this set. */
    public void drop() {
        for (ReadModel model : ReadModel.values()) {
            database.getCollection(collection(model)).drop();
        }
    }
}
