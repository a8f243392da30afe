package org.balintobservatory.analytics.ingest;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-partition offsets the read models of a generation reflect: every analytics answer states it, so
 * that a figure in a paper can name the exact state of the log it was computed from.
 *
 * <p>Each instance of the service consumes some of the partitions, so the position is kept in MongoDB, one
 * document per generation in {@value #COLLECTION}, and every consumer raises the offsets of its own
 * partitions there ({@code $max}) after it has written and committed a batch. An instance states the
 * document as it last read it (it rereads it between batches), which never runs ahead of the read models.
 */
public class LogPosition {

    static final String COLLECTION = "analytics_positions";

    private final MongoCollection<Document> positions;
    private volatile Map<String, Long> snapshot = Map.of();

    public LogPosition(MongoDatabase database) {
        this.positions = database.getCollection(COLLECTION);
    }

    /** Raises the stated offsets of these partitions to at least these next offsets. */
    public void record(int generation, Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        List<Bson> updates = new ArrayList<>();
        nextOffsets.forEach((tp, offset) -> updates.add(Updates.max(field(tp.topic() + "-" + tp.partition()), offset)));
        positions.updateOne(Filters.eq("_id", id(generation)), Updates.combine(updates), new UpdateOptions().upsert(true));
    }

    /** Rereads what every consumer of the generation has recorded. */
    void refresh(int generation) {
        Document doc = positions.find(Filters.eq("_id", id(generation))).first();
        snapshot = Collections.unmodifiableMap(doc == null ? Map.of() : fromDocument(doc));
    }

    /** Forgets a generation that was dropped. */
    public void drop(int generation) {
        positions.deleteOne(Filters.eq("_id", id(generation)));
    }

    /** Next offset to read, per {@code topic-partition}; everything before it is in the read models. */
    public Map<String, Long> snapshot() {
        return new TreeMap<>(snapshot);
    }

    private static String id(int generation) {
        return "g" + generation;
    }

    /** A position as a MongoDB document: one field per {@code topic-partition}. */
    public static Document toDocument(Map<String, Long> offsets) {
        Document doc = new Document();
        offsets.forEach((partition, offset) -> doc.append(field(partition), offset));
        return doc;
    }

    /** The position a document holds; its {@code _id}, if any, is not a partition. */
    public static Map<String, Long> fromDocument(Document doc) {
        Map<String, Long> offsets = new TreeMap<>();
        doc.forEach((field, value) -> {
            if (!field.equals("_id")) {
                offsets.put(partition(field), ((Number) value).longValue());
            }
        });
        return offsets;
    }

    /** Topic names hold dots, which MongoDB field names must not. */
    private static String field(String partition) {
        return partition.replace(".", "%2E");
    }

    private static String partition(String field) {
        return field.replace("%2E", ".");
    }
}
