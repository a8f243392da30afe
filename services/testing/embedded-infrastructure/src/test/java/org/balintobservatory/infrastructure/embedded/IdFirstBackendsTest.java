package org.balintobservatory.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.bulk.BulkWriteResult;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conditional write (a filter on {@code _id} and a version, as the analytics projection writes every document)
 * reads one document, not the collection, on both backends: counted as the documents the server matched against
 * a query, so the test does not depend on the machine's speed. The answers are what MongoDB gives.
 */
class IdFirstBackendsTest {

    private static final int DOCUMENTS = 500;

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFilterOnIdAndAVersionReadsOneDocumentAndAnswersAsMongoDbDoes(boolean onFile) {
        Path file = onFile ? data.resolve("read-models.mv") : null;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> documents = client.getDatabase("test").getCollection("units");
            List<Document> initial = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                initial.add(new Document("_id", "u-" + i).append("version", 1).append("value", i));
            }
            documents.insertMany(initial);

            long before = server.documentsExamined();
            // The projection's conditional writes: the right version replaces, a stale one matches nothing.
            List<WriteModel<Document>> writes = List.of(
                    new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "u-7"), Filters.eq("version", 1)),
                            new Document("_id", "u-7").append("version", 2).append("value", 7_000)),
                    new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "u-8"), Filters.eq("version", 5)),
                            new Document("_id", "u-8").append("version", 6).append("value", 8_000)),
                    new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "u-9"), Filters.exists("version", false)),
                            new Document("_id", "u-9").append("version", 1).append("value", 9_000)));
            BulkWriteResult result = documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            Document found = documents.find(Filters.and(Filters.eq("_id", "u-3"), Filters.eq("value", 3))).first();
            Document absent = documents.find(Filters.and(Filters.eq("_id", "u-3"), Filters.eq("value", 4))).first();
            long examined = server.documentsExamined() - before;

            assertThat(result.getMatchedCount()).as("only the write with the stored version").isEqualTo(1);
            assertThat(documents.find(Filters.eq("_id", "u-7")).first()).containsEntry("value", 7_000);
            assertThat(documents.find(Filters.eq("_id", "u-8")).first()).containsEntry("value", 8);
            assertThat(documents.find(Filters.eq("_id", "u-9")).first()).containsEntry("value", 9);
            assertThat(found).containsEntry("value", 3);
            assertThat(absent).isNull();
            assertThat(examined).as("documents read by 3 conditional writes and 2 finds on _id and a field")
                    .isEqualTo(5);

            // A filter without _id still reads every document: the boundary the read models are designed around.
            long beforeScan = server.documentsExamined();
            assertThat(documents.countDocuments(Filters.eq("value", 7_000))).isEqualTo(1);
            assertThat(server.documentsExamined() - beforeScan).isGreaterThanOrEqualTo(DOCUMENTS);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aConditionalUpsertOfANewDocumentInsertsIt(boolean onFile) {
        Path file = onFile ? data.resolve("upserts.mv") : null;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> documents = client.getDatabase("test").getCollection("upserts");
            documents.insertOne(new Document("_id", "a").append("version", 1));
            documents.replaceOne(Filters.and(Filters.eq("_id", "b"), Filters.exists("version", false)),
                    new Document("_id", "b").append("version", 1),
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
            assertThat(documents.countDocuments()).isEqualTo(2);
            assertThat(documents.find(Filters.eq("_id", "b")).first()).containsEntry("version", 1);
        }
    }
}
