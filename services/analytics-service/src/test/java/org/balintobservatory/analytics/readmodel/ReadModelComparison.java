package org.balintobservatory.analytics.readmodel;

import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.bson.Document;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares read models built in different orders. Moments summed in another order may differ in the
 * last bits of a double, so doubles are compared to 10 significant digits; everything else exactly, but
 * for the documents' write versions.
 */
public final class ReadModelComparison {

    private ReadModelComparison() {
    }

    /** Every document of every read model of a generation, by model and id. */
    public static Map<ReadModel, Map<String, Document>> dump(com.mongodb.client.MongoDatabase database, int generation) {
        Map<ReadModel, Map<String, Document>> dump = new java.util.EnumMap<>(ReadModel.class);
        for (ReadModel model : ReadModel.values()) {
            Map<String, Document> docs = new TreeMap<>();
            database.getCollection(model.collection(generation)).find().forEach(d -> docs.put(d.getString("_id"), d));
            dump.put(model, docs);
        }
        return dump;
    }

    public static <K> Map<K, Map<String, Object>> normalise(Map<K, Map<String, Document>> collections) {
        Map<K, Map<String, Object>> normalised = new java.util.LinkedHashMap<>();
        collections.forEach((model, docs) -> {
            Map<String, Object> n = new TreeMap<>();
            docs.forEach((id, doc) -> {
                // The version counts the writes a document took, which depends on how events were batched.
                Document withoutVersion = new Document(doc);
                withoutVersion.remove("_v");
                n.put(id, value(withoutVersion));
            });
            normalised.put(model, n);
        });
        return normalised;
    }

    public static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> n = new TreeMap<>();
            map.forEach((k, v) -> n.put(String.valueOf(k), value(v)));
            return n;
        }
        if (value instanceof List<?> list) {
            List<Object> n = new ArrayList<>();
            list.forEach(v -> n.add(value(v)));
            return n;
        }
        if (value instanceof Double d) {
            return Math.abs(d) < 1e-9 ? "0" : new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Integer || value instanceof Long) {
            return new BigDecimal(((Number) value).longValue()).toPlainString();
        }
        return value;
    }
}
