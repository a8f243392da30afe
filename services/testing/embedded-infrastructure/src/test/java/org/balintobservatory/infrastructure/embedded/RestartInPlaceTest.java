package org.balintobservatory.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What fault injection does to a server that clients are connected to: stop it (its port refuses
 * connections) and start it again on the same port, with its data, so that the clients reconnect by themselves.
 */
class RestartInPlaceTest {

    @Test
    void kafkaStoppedAndStartedAgainServesItsTopicsOnTheSamePort(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     "bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                     new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("kept", "k", "before")).get();
            broker.stop();
            assertThat(broker.running()).isFalse();
            assertRefused(broker.bootstrapServers());
            broker.restart();
            producer.send(new ProducerRecord<>("kept", "k", "after")).get();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(), "group.id", "t", "auto.offset.reset", "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("kept"));
                List<String> values = new java.util.ArrayList<>();
                for (int i = 0; i < 30 && values.size() < 2; i++) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                    records.forEach(r -> values.add(r.value()));
                }
                assertThat(values).containsExactly("before", "after");
            }
        }
    }

    @Test
    void postgresStoppedAndStartedAgainKeepsItsRowsOnTheSamePort(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
            String url = pg.database("keep");
            try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v int)");
                s.execute("INSERT INTO t VALUES (42)");
            }
            pg.stop();
            assertRefused("localhost:" + pg.port());
            pg.restart();
            try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void mongoStoppedAndStartedAgainKeepsItsDocumentsOnTheSamePort(@TempDir Path dir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir.resolve("mongo.mv"), 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("d").getCollection("c").insertOne(new Document("_id", "a").append("n", 1));
            server.stop();
            assertRefused(server.connectionString().substring("mongodb://".length()));
            server.restart();
            Document found = client.getDatabase("d").getCollection("c").find(new Document("_id", "a")).first();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("n")).isEqualTo(1);
        }
    }

    private static void assertRefused(String hostAndPort) {
        String[] parts = hostAndPort.split(":");
        assertThatThrownBy(() -> new Socket(parts[0], Integer.parseInt(parts[1])).close())
                .isInstanceOf(ConnectException.class);
    }
}
