package org.balintobservatory.analytics.readmodel.store;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Passes every load and write through to a store and counts the documents and their BSON bytes, per read
 * model: the work the projection asks of the read-model store, the same on every machine.
 */
public final class CountingReadModelStore implements ReadModelStore {

    private static final DocumentCodec CODEC = new DocumentCodec();

    /** Documents and BSON bytes, read and written. */
    public static final class Work {
        public long documentsRead;
        public long bytesRead;
        public long documentsWritten;
        public long bytesWritten;

        void add(Work other) {
            documentsRead += other.documentsRead;
            bytesRead += other.bytesRead;
            documentsWritten += other.documentsWritten;
            bytesWritten += other.bytesWritten;
        }

        @Override
        public String toString() {
            return "read " + documentsRead + " documents / " + bytesRead + " bytes, wrote " + documentsWritten
                    + " documents / " + bytesWritten + " bytes";
        }
    }

    private final ReadModelStore delegate;
    private final Map<ReadModel, Work> work = new EnumMap<>(ReadModel.class);

    public CountingReadModelStore(ReadModelStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Map<String, Document> load(ReadModel model, Collection<String> ids) {
        Map<String, Document> found = delegate.load(model, ids);
        Work w = work.computeIfAbsent(model, k -> new Work());
        w.documentsRead += found.size();
        found.values().forEach(doc -> w.bytesRead += bytes(doc));
        return found;
    }

    @Override
    public void write(ReadModel model, Collection<Document> documents) {
        Work w = work.computeIfAbsent(model, k -> new Work());
        w.documentsWritten += documents.size();
        documents.forEach(doc -> w.bytesWritten += bytes(doc));
        delegate.write(model, documents);
    }

    /** The work per read model so far. */
    public Map<ReadModel, Work> byModel() {
        return new EnumMap<>(work);
    }

    /** The work over every read model so far. */
    public Work total() {
        Work total = new Work();
        work.values().forEach(total::add);
        return total;
    }

    private static long bytes(Document doc) {
        return new RawBsonDocument(doc, CODEC).getByteBuffer().remaining();
    }
}
