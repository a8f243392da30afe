package org.balintobservatory.analytics.readmodel.store;

import org.bson.Document;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A store for projection tests: documents in maps, copied in and out as MongoDB would. */
public class InMemoryReadModelStore implements ReadModelStore {

    private final Map<ReadModel, Map<String, Document>> collections = new EnumMap<>(ReadModel.class);

    @Override
    public Map<String, Document> load(ReadModel model, Collection<String> ids) {
        Map<String, Document> stored = collections.getOrDefault(model, Map.of());
        Map<String, Document> found = new HashMap<>();
        ids.forEach(id -> {
            if (stored.containsKey(id)) {
                found.put(id, Document.parse(stored.get(id).toJson()));
            }
        });
        return found;
    }

    @Override
    public void write(ReadModel model, Collection<Document> documents) {
        Map<String, Document> stored = collections.computeIfAbsent(model, k -> new TreeMap<>());
        documents.forEach(doc -> stored.put(doc.getString("_id"), Document.parse(doc.toJson())));
    }

    public Document get(ReadModel model, String id) {
        return collections.getOrDefault(model, Map.of()).get(id);
    }

    public Map<String, Document> all(ReadModel model) {
        return collections.getOrDefault(model, Map.of());
    }

    /** A deep copy, to compare states. */
    public Map<ReadModel, Map<String, Document>> snapshot() {
        Map<ReadModel, Map<String, Document>> copy = new EnumMap<>(ReadModel.class);
        collections.forEach((model, docs) -> {
            Map<String, Document> c = new TreeMap<>();
            docs.forEach((id, doc) -> c.put(id, Document.parse(doc.toJson())));
            copy.put(model, c);
        });
        return copy;
    }
}
