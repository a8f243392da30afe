package org.balintobservatory.infrastructure.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The file-backed store keeps documents as BSON ({@link BsonDocumentType}), every value type the read models and
 * MongoDB's wire protocol use comes back as it was written, across a restart; and a file an earlier version wrote
 * with H2's Java serialisation opens with its documents, converted once.
 */
class BsonStoreFileTest {

    @TempDir
    Path data;

    /** One document with a value of each BSON type the driver writes, nested and in arrays. */
    private static Document everyType(String id, int i) {
        return new Document("_id", id)
                .append("version", i)
                .append("count", 5_000_000_000L + i)
                .append("mean", 0.1 * i)
                .append("name", "unit-" + i + " é ü 王")
                .append("flag", i % 2 == 0)
                .append("nothing", null)
                .append("at", new Date(1_764_000_000_000L + i))
                .append("objectId", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("decimal", new Decimal128(new BigDecimal("12.50")))
                .append("nested", new Document("members", List.of("p-1a", "p-2b")).append("sizes", List.of(6, 8, 11)))
                .append("rows", List.of(new Document("level", "WEEKLY").append("k", 3), new Document("level", "MONTHLY")));
    }

    @Test
    void documentsOfEveryTypeComeBackAfterARestartAndTheFileHoldsBson() {
        Path file = data.resolve("read-models.mv");
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            written.add(everyType("u-" + i, i));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> units = client.getDatabase("analytics").getCollection("units");
            units.insertMany(written);
            server.stop();
            server.restart();
            assertThat(units.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(written);
        }

        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            assertThat(store.<String, String>openMap("balint.format").get("documents")).isEqualTo("bson-1");
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = store.openMap("databases.analytics.units",
                    new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(new BsonDocumentType()));
            assertThat(documents.get("u-7")).as("read from the file as BSON").isNotNull()
                    .containsEntry("name", "unit-7 é ü 王").containsEntry("count", 5_000_000_007L);
        } finally {
            store.close();
        }
    }

    @Test
    void aFileWrittenWithJavaSerialisationOpensWithItsDocuments() throws Exception {
        Path file = data.resolve("earlier.mv");
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            written.add(everyType("g-" + i, i));
        }
        // As the earlier version wrote it: mongo-java-server's own H2 backend, H2's default value type.
        MVStore earlier = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer plain = new MongoServer(new H2Backend(earlier));
        plain.bind("localhost", 0);
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + plain.getLocalAddress().getPort())) {
            client.getDatabase("analytics").getCollection("groups").insertMany(written);
            client.getDatabase("analytics").getCollection("positions").insertOne(new Document("_id", "p").append("offset", 41L));
        } finally {
            plain.shutdown();
        }

        // What a conversion stopped halfway leaves beside the file: the next start begins again.
        Files.write(file.resolveSibling("earlier.mv.converting"), new byte[] {1, 2, 3});

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(file.resolveSibling("earlier.mv.converting")).doesNotExist();
            MongoCollection<Document> groups = client.getDatabase("analytics").getCollection("groups");
            assertThat(groups.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(written);
            assertThat(client.getDatabase("analytics").getCollection("positions").find().first())
                    .containsEntry("offset", 41L);
            // The _id index still answers after the conversion: a new document with a taken _id is refused.
            groups.insertOne(new Document("_id", "g-new").append("version", 1));
            assertThatThrownBy(() -> groups.insertOne(new Document("_id", "g-3"))).isInstanceOf(MongoWriteException.class);
            assertThat(groups.countDocuments()).isEqualTo(written.size() + 1);
            server.stop();
            server.restart();
            assertThat(groups.countDocuments()).as("after a second start, which converts nothing").isEqualTo(written.size() + 1);
            assertThat(groups.find(new Document("_id", "g-3")).first()).isEqualTo(written.get(3));
        }
    }
}
