package org.balintobservatory.infrastructure.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/**
 * How the file-backed read-model store writes a document into the H2 MVStore: as BSON, the encoding MongoDB's
 * wire protocol already gave it, through mongo-java-server's own encoder and decoder.
 *
 * <p>H2's default value type writes any object it does not know with Java serialisation, a new
 * {@code ObjectOutputStream} per document, every time the page holding it is stored: with read models that change
 * on every event, that was the largest part of the store's CPU while loading (docs/benchmarks.md, the profiles of the
 * 100-institution run at {@code 8cedced}). BSON holds every value a document received over the wire can hold, so
 * what is read back equals what was written.
 *
 * <p>The MVStore's page cache asks each value's size in memory; the type answers with the mean encoded size of the
 * documents it has written and read (a document's objects on the heap take some multiple of it, as with H2's own
 * estimate for serialised objects), so that the estimate costs no second encoding.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** Heap bytes of a decoded document per byte of its BSON, roughly: maps, boxed numbers and strings. */
    private static final int HEAP_PER_BSON_BYTE = 4;

    /** Mean encoded size, updated as documents pass; a racy update only makes the estimate rougher. */
    private volatile int meanSize = 256;

    @Override
    public int getMemory(Document document) {
        return HEAP_PER_BSON_BYTE * meanSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(meanSize + 64);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int length = bson.readableBytes();
            buffer.putVarInt(length);
            buffer.put(bson.nioBuffer());
            observe(length);
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        observe(length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private void observe(int length) {
        meanSize += (length - meanSize) >> 4;
    }
}
