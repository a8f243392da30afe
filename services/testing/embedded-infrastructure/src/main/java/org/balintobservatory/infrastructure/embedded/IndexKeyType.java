package org.balintobservatory.infrastructure.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the file-backed store keeps the keys of a unique index (the {@code _id} index of every collection): a
 * key's values compared as MongoDB orders them, and written as BSON values.
 *
 * <p>H2's default type knows no order for mongo-java-server's index keys, so it compared two keys by
 * serialising both with Java serialisation, at every step of every search in the index's B-tree: every
 * document a query or a write looked up by {@code _id} cost a few dozen serialisations, which was most of
 * what the store spent on a write. Here two keys compare by their values, in MongoDB's order of values
 * (mongo-java-server's own comparator, the one its in-memory indexes use), so that numbers equal in value are
 * one key, as in MongoDB's unique indexes.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    private static final Comparator<Object> ORDER = ValueComparator.ascWithoutListHandling();
    /** Marks a value the key holds as missing (a sparse or absent field), which BSON has no type for. */
    private static final byte MISSING = 0;

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = ORDER.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        return 24 + 40 * key.size();
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        ByteBuf bson = Unpooled.buffer(64);
        try {
            for (Object value : key) {
                if (value instanceof Missing) {
                    bson.writeByte(MISSING);
                } else {
                    byte type = BsonEncoder.determineType(value);
                    bson.writeByte(type);
                    BsonEncoder.encodeValue(type, value, bson);
                }
            }
            buffer.putVarInt(key.size());
            buffer.putVarInt(bson.readableBytes());
            buffer.put(bson.nioBuffer());
        } finally {
            bson.release();
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        int length = DataUtils.readVarInt(buffer);
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(buffer.position() + length);
        ByteBuf bson = Unpooled.wrappedBuffer(slice);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte type = bson.readByte();
            values.add(type == MISSING ? Missing.getInstance() : BsonDecoder.decodeValue(type, bson));
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
