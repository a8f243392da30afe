package org.balintobservatory.localstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every read model built live through the faults against a clean replay of the topics into a fresh
 * generation, document by document: the analytics service's own rebuild ({@code POST
 * /api/v1/analytics/admin/replay}) reads every topic from its start into generation n + 1. Generation n is
 * dropped shortly after the switch, so it is read first. Write versions ({@code _v}) count how events were
 * batched and are left out; doubles are compared to 10 significant digits, as sums in another order may
 * differ in the last bits.
 */
final class ReplayComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "balint_analytics";

    private ReplayComparison() {
    }

    /** @return one line per document that differs, or is in one generation only */
    static List<String> liveEqualsReplay(String mongoUri, RetryingClient client, String adminKey, Duration timeout)
            throws Exception {
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoDatabase db = mongo.getDatabase(DATABASE);
            Document active = db.getCollection("analytics_meta").find(new Document("_id", "active-generation")).first();
            int live = active == null ? 1 : active.getInteger("generation");
            Map<String, Map<String, Object>> before = generation(db, live);

            HttpResponse<String> started = client.send("POST", "/api/v1/analytics/admin/replay", adminKey, null);
            if (started == null) {
                return List.of("the replay was refused");
            }
            Instant deadline = Instant.now().plus(timeout);
            JsonNode progress;
            do {
                Thread.sleep(250);
                progress = JSON.readTree(client.send("GET", "/api/v1/analytics/admin/replay", adminKey, null).body());
                if (Instant.now().isAfter(deadline)) {
                    return List.of("the replay did not complete within " + timeout + ": " + progress);
                }
            } while (!progress.path("state").asText().equals("COMPLETED")
                    && !progress.path("state").asText().equals("FAILED"));
            if (progress.path("state").asText().equals("FAILED")) {
                return List.of("the replay failed: " + progress.path("failure").asText());
            }
            Map<String, Map<String, Object>> after = generation(db, progress.path("generation").asInt());

            List<String> differences = new ArrayList<>();
            for (String collection : union(before.keySet(), after.keySet())) {
                Map<String, Object> old = before.getOrDefault(collection, Map.of());
                Map<String, Object> rebuilt = after.getOrDefault(collection, Map.of());
                for (String id : union(old.keySet(), rebuilt.keySet())) {
                    if (!java.util.Objects.equals(old.get(id), rebuilt.get(id))) {
                        differences.add(collection + " " + id + ": live " + old.get(id) + ", replayed "
                                + rebuilt.get(id));
                    }
                }
            }
            if (before.values().stream().mapToInt(Map::size).sum() == 0) {
                differences.add("generation " + live + " held no documents to compare");
            }
            return differences;
        }
    }

    /** Every document of generation n's collections, by collection name without the suffix, then by id. */
    private static Map<String, Map<String, Object>> generation(MongoDatabase db, int n) {
        String suffix = "_g" + n;
        Map<String, Map<String, Object>> collections = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            if (!name.endsWith(suffix)) {
                continue;
            }
            Map<String, Object> documents = new TreeMap<>();
            for (Document document : db.getCollection(name).find()) {
                Document copy = new Document(document);
                copy.remove("_v");
                documents.put(String.valueOf(document.get("_id")), canonical(copy));
            }
            collections.put(name.substring(0, name.length() - suffix.length()), documents);
        }
        return collections;
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReplayComparison::canonical).toList();
        }
        if (value instanceof Double d) {
            return Math.abs(d) < 1e-9 ? "0" : new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros()
                    .toPlainString();
        }
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return String.valueOf(n.longValue());
        }
        return value;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
