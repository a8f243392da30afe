package org.balintobservatory.analytics.readmodel.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch's view of a {@link MongoReadModelStore} that writes a document back only if nobody wrote it
 * since this batch read it: optimistic concurrency, so that several instances of the service (or a
 * consumer that lost its partitions while it was still writing) never lose each other's updates.
 *
 * <p>Every document carries a version {@value #VERSION}: 1 when inserted, one more at every replace.
 * {@link #load} remembers the version of every id it was asked for (or that the id was absent);
 * {@link #write} inserts where the id was absent (a duplicate key means someone else inserted it first) and
 * replaces on {@code _id} and the remembered version (no match means someone else replaced it). Either
 * way the batch fails with a {@link ReadModelConflictException}. A document written without being loaded
 * first is a programming error. Documents written before versions existed count as version 0.
 */
final class VersionedWrites implements ReadModelStore {

    /** The version field of every read-model document. */
    static final String VERSION = "_v";
    private static final long ABSENT = -1;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoReadModelStore store;
    private final Map<String, Long> versions = new HashMap<>();

    VersionedWrites(MongoReadModelStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Document> load(ReadModel model, Collection<String> ids) {
        Map<String, Document> found = store.load(model, ids);
        for (String id : ids) {
            Document doc = found.get(id);
            versions.put(key(model, id), doc == null ? ABSENT : version(doc));
        }
        return found;
    }

    @Override
    public void write(ReadModel model, Collection<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        Map<String, Long> next = new HashMap<>();
        int replaces = 0;
        for (Document doc : documents) {
            String id = (String) doc.get("_id");
            Long loaded = versions.get(key(model, id));
            if (loaded == null) {
                throw new IllegalStateException(model + " " + id + " is written without having been read in this batch");
            }
            doc.put(VERSION, loaded == ABSENT ? 1L : loaded + 1);
            next.put(key(model, id), loaded == ABSENT ? 1L : loaded + 1);
            if (loaded == ABSENT) {
                writes.add(new InsertOneModel<>(doc));
            } else {
                writes.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", id), versionIs(loaded)), doc));
                replaces++;
            }
        }
        BulkWriteResult result;
        try {
            result = store.collectionOf(model).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
            throw new ReadModelConflictException(e.getWriteErrors().size() + " of " + documents.size() + " "
                    + model + " documents were inserted by another writer first");
        }
        if (result.getMatchedCount() < replaces) {
            throw new ReadModelConflictException((replaces - result.getMatchedCount()) + " of " + replaces + " "
                    + model + " documents were replaced by another writer since this batch read them");
        }
        versions.putAll(next);
    }

    static long version(Document doc) {
        Object value = doc.get(VERSION);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Bson versionIs(long version) {
        return version == 0 ? Filters.exists(VERSION, false) : Filters.eq(VERSION, version);
    }

    private static String key(ReadModel model, String id) {
        return model.ordinal() + "|" + id;
    }
}
