package org.balintobservatory.analytics.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which generation of read-model collections answers queries. A rebuild fills generation n + 1 while n
 * keeps answering; switching is one write of the {@code active-generation} document, which is atomic in
 * MongoDB, so every reader sees either the old set or the new one, never a mixture.
 */
@Component
public class Generations {

    static final String META_COLLECTION = "analytics_meta";
    static final String ACTIVE = "active-generation";

    private final MongoDatabase database;
    private final MongoCollection<Document> meta;
    private volatile int active;

    public Generations(MongoDatabase database) {
        this.database = database;
        this.meta = database.getCollection(META_COLLECTION);
        Document stored = meta.find(Filters.eq("_id", ACTIVE)).first();
        this.active = stored == null ? 1 : stored.getInteger("generation");
    }

    public int active() {
        return active;
    }

    public MongoReadModelStore store(int generation) {
        return new MongoReadModelStore(database, generation);
    }

    public MongoReadModelStore activeStore() {
        return store(active);
    }

    /** Makes a generation the one that answers, and remembers it across restarts. */
    public void activate(int generation) {
        meta.replaceOne(Filters.eq("_id", ACTIVE), new Document("_id", ACTIVE).append("generation", generation),
                new ReplaceOptions().upsert(true));
        active = generation;
    }

    /** Drops a generation's collections: before a rebuild fills them, or after it replaced them. */
    public void drop(int generation) {
        store(generation).drop();
    }
}
