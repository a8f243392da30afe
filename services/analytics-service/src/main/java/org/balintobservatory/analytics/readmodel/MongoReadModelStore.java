package org.balintobservatory.analytics.readmodel;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One generation of read models in MongoDB. */
public final class MongoReadModelStore implements ReadModelStore {

    private final MongoDatabase database;
    private final int generation;

    public MongoReadModelStore(MongoDatabase database, int generation) {
        this.database = database;
        this.generation = generation;
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
        for (Document doc : database.getCollection(model.collection(generation)).find(Filters.in("_id", ids))) {
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
        database.getCollection(model.collection(generation)).bulkWrite(writes);
    }

    public Optional<Document> find(ReadModel model, String id) {
        return Optional.ofNullable(database.getCollection(model.collection(generation)).find(Filters.eq("_id", id)).first());
    }

    void drop() {
        for (ReadModel model : ReadModel.values()) {
            database.getCollection(model.collection(generation)).drop();
        }
    }
}
