package org.balintobservatory.analytics.readmodel.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which generation of read-model collections answers queries. A rebuild fills generation n + 1 while n
 * keeps answering; switching is one write of the {@code active-generation} document, which is atomic in
 * MongoDB, so every reader sees either the old set or the new one, never a mixture.
 *
 * <p>The document also records the {@link #FORMAT} of the read models the generation was built with. A
 * service that finds an older format (its documents lack collections this version answers from) rebuilds
 * at start, so an upgrade needs no manual step.
 */
@Component
public class Generations {

    /**
     * The shape of the read models. 1: group histories read by every query; 2: query-shaped unit tables
     * and institution documents beside the histories; 3: a group's document holds tallies and counters
     * only, its sessions' attendance and cases one document per session ({@link ReadModel#GROUP_SESSIONS}); 4: each
     * unit's pairs and table entry hold the day the unit reached its second timepoint, which format 3 never
     * recorded and only a rebuild from the events can fill in.
     */
    public static final int FORMAT = 4;

    static final String META_COLLECTION = "analytics_meta";
    static final String ACTIVE = "active-generation";
    private static final Pattern GENERATION_SUFFIX = Pattern.compile(".+_g(\\d+)");

    private final MongoDatabase database;
    private final MongoCollection<Document> meta;
    private volatile int active;
    private volatile int format;

    public Generations(MongoDatabase database) {
        this.database = database;
        this.meta = database.getCollection(META_COLLECTION);
        Document stored = meta.find(Filters.eq("_id", ACTIVE)).first();
        this.active = stored == null ? 1 : stored.getInteger("generation");
        this.format = stored != null ? stored.getInteger("format", 1) : holdsAnything(active) ? 1 : FORMAT;
    }

    /** The generation that answers, as this instance last read it (see {@link #refresh}). */
    public int active() {
        return active;
    }

    /**
     * Rereads which generation answers: another instance may have switched to a rebuilt one. The consumer
     * calls it between batches, so an instance follows a switch within one batch.
     */
    public int refresh() {
        Document stored = meta.find(Filters.eq("_id", ACTIVE)).first();
        if (stored != null) {
            format = stored.getInteger("format", 1);
            active = stored.getInteger("generation");
        }
        return active;
    }

    /** Every generation with collections in the database, the active one included. */
    public Set<Integer> present() {
        Set<Integer> found = new TreeSet<>();
        for (String name : database.listCollectionNames()) {
            Matcher m = GENERATION_SUFFIX.matcher(name);
            if (m.matches() && !name.startsWith("release_")) {
                found.add(Integer.parseInt(m.group(1)));
            }
        }
        return found;
    }

    /** Whether the active generation was built by an older version, in a shape this one cannot answer from. */
    public boolean outdated() {
        return format < FORMAT;
    }

    public MongoReadModelStore store(int generation) {
        return new MongoReadModelStore(database, generation);
    }

    public MongoReadModelStore activeStore() {
        return store(active);
    }

    /**
     * Makes a generation, built by this version, the one that answers, and remembers it across restarts.
     * Every instance's consumer moves to it between two of its batches ({@link #refresh}).
     */
    public void activate(int generation) {
        meta.replaceOne(Filters.eq("_id", ACTIVE), new Document("_id", ACTIVE).append("generation", generation)
                .append("format", FORMAT), new ReplaceOptions().upsert(true));
        active = generation;
        format = FORMAT;
    }

    /** Drops a generation's collections: before a rebuild fills them, or after it replaced them. */
    public void drop(int generation) {
        store(generation).drop();
    }

    private boolean holdsAnything(int generation) {
        return database.getCollection(ReadModel.GROUPS.collection(generation)).find().limit(1).first() != null
                || database.getCollection(ReadModel.PROGRAMMES.collection(generation)).find().limit(1).first() != null;
    }
}
