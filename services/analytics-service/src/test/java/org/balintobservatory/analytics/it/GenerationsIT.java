package org.balintobservatory.analytics.it;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.balintobservatory.analytics.readmodel.store.Generations;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How a service tells read models built by an older version, which it must rebuild, from its own. */
class GenerationsIT {

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(InfrastructureEndpoints.resolve().mongoUri());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static MongoDatabase freshDatabase() {
        return client.getDatabase("generations_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void anEmptyStoreIsCurrent() {
        assertThat(new Generations(freshDatabase()).outdated()).isFalse();
    }

    @Test
    void readModelsWithoutARecordedFormatWereBuiltByAnOlderVersion() {
        MongoDatabase database = freshDatabase();
        database.getCollection(ReadModel.GROUPS.collection(1)).insertOne(new Document("_id", "school-a/grp-1"));

        assertThat(new Generations(database).outdated()).isTrue();
    }

    @Test
    void readModelsOfFormat3LackTheDayEachUnitReachedItsSecondTimepointAndAreRebuilt() {
        MongoDatabase database = freshDatabase();
        database.getCollection("analytics_meta").insertOne(new Document("_id", "active-generation")
                .append("generation", 2).append("format", 3));
        Generations generations = new Generations(database);
        assertThat(generations.outdated()).isTrue();

        generations.activate(3);

        assertThat(new Generations(database).outdated()).isFalse();
        assertThat(database.getCollection("analytics_meta").find(new Document("_id", "active-generation")).first())
                .containsEntry("format", Generations.FORMAT).containsEntry("generation", 3);
        assertThat(Generations.FORMAT).isEqualTo(4);
    }

    @Test
    void anOlderActiveGenerationIsOutdatedUntilARebuildActivatesTheNext() {
        MongoDatabase database = freshDatabase();
        database.getCollection("analytics_meta").insertOne(new Document("_id", "active-generation").append("generation", 3));
        Generations generations = new Generations(database);
        assertThat(generations.outdated()).isTrue();

        generations.activate(4);

        assertThat(generations.outdated()).isFalse();
        assertThat(new Generations(database).outdated()).isFalse();
        assertThat(new Generations(database).active()).isEqualTo(4);
    }
}
