package org.balintobservatory.infrastructure.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * mongo-java-server's two backends (in memory, and the H2 MVStore file) changed in one respect: a query on
 * {@code _id} and other fields reads the documents the {@code _id} index gives for the {@code _id} condition
 * alone, and matches the whole query on those, instead of on every document of the collection.
 *
 * <p>mongo-java-server takes an index only when a query names exactly that index's fields, so
 * {@code {_id: "g-1", version: 3}}, the conditional write the analytics projection makes for every document it
 * changes, read and deserialised the whole collection: each write cost as much as the collection was large, and a
 * projection over a hundred institutions slowed to a few hundred events a second. MongoDB itself answers such a
 * query from the {@code _id} index, so the read models' code stays as it is; only this stand-in learns to do the
 * same. The answers are the same documents (the whole query is still matched on each), only fewer are read.
 *
 * <p>Each backend counts the documents its queries examine ({@link #examined}), so that a test can tell a query
 * answered from the index from one that scanned, whatever the machine's speed.
 */
final class IdFirstBackends {

    /** The H2 MVStore's map names, as mongo-java-server's H2 backend names them in the file. */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    private IdFirstBackends() {
    }

    static MongoBackend inMemory() {
        return new InMemory();
    }

    /**
     * The file backend on an open store, which writes documents as BSON ({@link BsonDocumentType}) and orders the
     * keys of its indexes by their values ({@link IndexKeyType}). A file an earlier version wrote with H2's Java
     * serialisation must have been converted first ({@link #convertFile}).
     */
    static MongoBackend file(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (!FORMAT.equals(format.get(FORMAT_KEY))) {
            if (store.getMapNames().stream().anyMatch(name -> name.startsWith(DATA_PREFIX))) {
                throw new IllegalStateException("the read-model file holds collections in an earlier format");
            }
            format.put(FORMAT_KEY, FORMAT);
            store.commit();
        }
        return new File(store);
    }

    /** Marks a store whose collections and indexes are kept with the types below; holds the format's version. */
    private static final String FORMAT_MAP = "balint.format";
    private static final String FORMAT_KEY = "documents";
    private static final String FORMAT = "bson-1";
    /** How mongo-java-server's H2 backend names an index's map: {@code <database>.<collection>._index_<name>}. */
    private static final String INDEX_INFIX = "._index_";
    private static final BsonDocumentType DOCUMENTS = new BsonDocumentType();
    private static final IndexKeyType INDEX_KEYS = new IndexKeyType();

    private static MVMap.Builder<Object, Document> documents() {
        return new MVMap.Builder<Object, Document>().valueType(DOCUMENTS);
    }

    private static MVMap.Builder<KeyValue, Object> indexEntries() {
        return new MVMap.Builder<KeyValue, Object>().keyType(INDEX_KEYS);
    }

    /**
     * Converts a file an earlier version wrote with H2's Java serialisation, once: every map is copied into a new
     * file, each collection's documents and each index's entries read with the old types and written with the new
     * ones, and the new file then replaces the old one in a single rename. A start stopped halfway leaves the old
     * file as it was, and the next start converts it again. A file in the current format, or none, is left alone.
     */
    static void convertFile(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        Path converted = file.resolveSibling(file.getFileName() + ".converting");
        MVStore old = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            if (old.hasMap(FORMAT_MAP) && FORMAT.equals(old.<String, String>openMap(FORMAT_MAP).get(FORMAT_KEY))) {
                return;
            }
            Files.deleteIfExists(converted);
            MVStore copy = new MVStore.Builder().fileName(converted.toString()).open();
            try {
                for (String name : old.getMapNames()) {
                    String fullName = name.startsWith(DATA_PREFIX) ? name.substring(DATA_PREFIX.length()) : null;
                    if (fullName != null && old.hasMap(META_PREFIX + fullName)) {
                        copy(old.openMap(name), copy.openMap(name, documents()));
                    } else if (fullName == null && !name.startsWith(META_PREFIX) && name.contains(INDEX_INFIX)) {
                        copy(old.openMap(name), copy.openMap(name, indexEntries()));
                    } else {
                        copy(old.openMap(name), copy.openMap(name));
                    }
                }
                copy.<String, String>openMap(FORMAT_MAP).put(FORMAT_KEY, FORMAT);
            } finally {
                copy.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            old.close();
        }
        try {
            Files.move(converted, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <K, V> void copy(MVMap<K, V> from, MVMap<K, V> to) {
        from.forEach(to::put);
    }

    /** Documents the backend's queries have matched against a query, since it started. */
    static long examined(MongoBackend backend) {
        return ((Counting) backend).examined().sum();
    }

    private interface Counting {
        LongAdder examined();
    }

    /**
     * The positions the {@code _id} index holds for the query's {@code _id} condition, when the query has one beside
     * other conditions (as a field of the query, or as one of the conditions of a top-level {@code $and}, which is
     * how the Java driver writes {@code Filters.and}) and the index can answer it; {@code null} otherwise, when the
     * library's own choice stands. The whole query is still matched on every document these positions give.
     */
    private static <P> Iterable<P> positionsById(AbstractMongoCollection<P> collection, Document query) {
        Object id = idCondition(query);
        if (id == null) {
            return null;
        }
        Document byId = new Document("_id", id);
        for (Index<P> index : collection.getIndexes()) {
            if (index.canHandle(byId)) {
                return index.getPositions(byId);
            }
        }
        return null;
    }

    private static Object idCondition(Document query) {
        if (query.size() > 1 && query.containsKey("_id")) {
            return query.get("_id");
        }
        if (query.size() == 1 && query.get("$and") instanceof List<?> conditions) {
            for (Object condition : conditions) {
                if (condition instanceof Document part && part.size() == 1 && part.containsKey("_id")) {
                    return part.get("_id");
                }
            }
        }
        return null;
    }

    /** Counts one document examined by a query of the database's; always {@code true}. */
    private static boolean counted(MongoDatabase database) {
        ((CountingDatabase) database).counter().increment();
        return true;
    }

    private interface CountingDatabase {
        LongAdder counter();
    }

    private static final class InMemory extends MemoryBackend implements Counting {

        /**
         * Set on first use, which may come while the superclass's constructor opens the databases: with an
         * initialiser the field would be reset after it.
         */
        private LongAdder examined;

        @Override
        public synchronized LongAdder examined() {
            if (examined == null) {
                examined = new LongAdder();
            }
            return examined;
        }

        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new Database(databaseName, getCursorRegistry());
        }

        /** Inner, so that it reaches the backend's counter even while its own superclass constructor runs. */
        private final class Database extends MemoryDatabase implements CountingDatabase {

            Database(String databaseName, CursorRegistry cursorRegistry) {
                super(databaseName, cursorRegistry);
            }

            @Override
            public LongAdder counter() {
                return examined();
            }

            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new Collection(this, collectionName, options, cursorRegistry);
            }
        }

        private static final class Collection extends MemoryCollection {

            Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                       CursorRegistry cursorRegistry) {
                super(database, collectionName, options, cursorRegistry);
            }

            @Override
            protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                                 Document fields) {
                Iterable<Integer> byId = positionsById(this, query);
                return byId == null ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fields)
                        : matchDocuments(query, byId, orderBy, skip, limit, batchSize, fields);
            }

            @Override
            protected boolean documentMatchesQuery(Document document, Document query) {
                return counted(getDatabase()) && super.documentMatchesQuery(document, query);
            }
        }
    }

    private static final class File extends H2Backend implements Counting {

        /** As in {@link InMemory#examined}: set on first use, possibly within the superclass constructor. */
        private LongAdder examined;

        File(MVStore store) {
            super(store);
        }

        @Override
        public synchronized LongAdder examined() {
            if (examined == null) {
                examined = new LongAdder();
            }
            return examined;
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new Database(databaseName, getMvStore(), getCursorRegistry());
        }

        /** Inner, so that it reaches the store even while its own superclass constructor opens the collections. */
        private final class Database extends H2Database implements CountingDatabase {

            Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
                super(databaseName, store, cursorRegistry);
            }

            @Override
            public LongAdder counter() {
                return examined();
            }

            /**
             * Opens the index's map with {@link IndexKeyType} before the library does; the library's own
             * {@code openMap} then finds it open and uses it as it is.
             */
            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
                getMvStore().openMap(getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName,
                        indexEntries());
                return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }

            @Override
            protected de.bwaldvogel.mongo.MongoCollection<Object> openOrCreateCollection(String collectionName,
                                                                                       CollectionOptions options) {
                String fullName = getFullCollectionNamespace(collectionName);
                MVMap<Object, Document> data = getMvStore().openMap(DATA_PREFIX + fullName, documents());
                MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + fullName);
                return new Collection(this, collectionName, options, data, meta, cursorRegistry);
            }
        }

        private static final class Collection extends H2Collection {

            Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                       MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
                super(database, collectionName, options, data, meta, cursorRegistry);
            }

            @Override
            protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                                 Document fields) {
                Iterable<Object> byId = positionsById(this, query);
                return byId == null ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fields)
                        : matchDocuments(query, byId, orderBy, skip, limit, batchSize, fields);
            }

            @Override
            protected boolean documentMatchesQuery(Document document, Document query) {
                return counted(getDatabase()) && super.documentMatchesQuery(document, query);
            }
        }
    }
}
