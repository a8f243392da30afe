package org.balintobservatory.localstack;

import org.balintobservatory.infrastructure.embedded.EmbeddedKafkaBroker;
import org.balintobservatory.infrastructure.embedded.EmbeddedMongoServer;
import org.balintobservatory.infrastructure.embedded.EmbeddedPostgresServer;
import org.balintobservatory.infrastructure.embedded.PausableProxy;
import org.balintobservatory.infrastructure.embedded.PostgresSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL, Kafka and MongoDB for the local stack: in-process servers whose data lives under the data
 * directory (so a restart keeps everything), or, for any of them named by {@code SPRING_DATASOURCE_URL},
 * {@code KAFKA_BOOTSTRAP_SERVERS} or {@code MONGODB_URI}, that external server.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final EmbeddedPostgresServer postgres;
    private final String externalPostgresUrl;
    private final String kafkaBootstrap;
    private final String mongoUri;
    private EmbeddedKafkaBroker kafkaBroker;
    private PausableProxy kafkaProxy;
    private EmbeddedMongoServer mongoServer;

    public LocalInfrastructure(LocalStackProperties props) {
        boolean persistent = props.persistent();
        var data = props.dataPath();
        log.info("starting PostgreSQL, Kafka and the MongoDB-wire server (their log: {})",
                data.resolve("logs").resolve("infrastructure.log"));

        externalPostgresUrl = System.getenv("SPRING_DATASOURCE_URL");
        if (blank(externalPostgresUrl)) {
            postgres = EmbeddedPostgresServer.start(persistent ? data.resolve("postgres") : null,
                    persistent ? props.postgresPort() : 0);
            started.add(postgres);
        } else {
            postgres = null;
        }

        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (blank(kafka)) {
            EmbeddedKafkaBroker broker;
            if (props.faultInjection()) {
                // Clients reach the broker through a relay that can hold every byte: a broker that hangs. The relay
                // binds first, so that the broker can advertise its port.
                kafkaProxy = new PausableProxy(persistent ? props.kafkaPort() : 0);
                started.add(kafkaProxy);
                broker = EmbeddedKafkaBroker.start(persistent ? data.resolve("kafka") : null, 0, kafkaProxy.port());
                kafkaProxy.forwardTo(broker.listeningPort());
            } else {
                broker = EmbeddedKafkaBroker.start(persistent ? data.resolve("kafka") : null,
                        persistent ? props.kafkaPort() : 0);
            }
            started.add(broker);
            kafkaBroker = broker;
            kafka = broker.bootstrapServers();
        }
        kafkaBootstrap = kafka;

        String mongo = System.getenv("MONGODB_URI");
        if (blank(mongo)) {
            EmbeddedMongoServer server = EmbeddedMongoServer.start(
                    persistent ? data.resolve("mongo").resolve("read-models.mv") : null,
                    persistent ? props.mongoPort() : 0);
            started.add(server);
            mongoServer = server;
            mongo = server.connectionString();
        }
        mongoUri = mongo;
        log.info("infrastructure ready: postgres={} kafka={} mongodb={}",
                postgres != null ? "localhost:" + postgres.port() : externalPostgresUrl, kafkaBootstrap, mongoUri);
    }

    /**
     * The JDBC URL of a service's own database, created on the embedded server when missing; on an
     * external server, the service's own schema in the one database named.
     */
    public String jdbcUrl(String database) {
        if (postgres != null) {
            return postgres.database(database);
        }
        return PostgresSchemas.withSchema(externalPostgresUrl, System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", ""),
                System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""), database);
    }

    /** The embedded PostgreSQL server, to stop and start it in fault injection; empty for an external one. */
    public Optional<EmbeddedPostgresServer> embeddedPostgres() {
        return Optional.ofNullable(postgres);
    }

    /** The embedded Kafka broker, to stop and start it in fault injection; empty for an external one. */
    public Optional<EmbeddedKafkaBroker> embeddedKafka() {
        return Optional.ofNullable(kafkaBroker);
    }

    /** The relay in front of the embedded broker, to pause it; only with {@code local-stack.fault-injection}. */
    public Optional<PausableProxy> kafkaProxy() {
        return Optional.ofNullable(kafkaProxy);
    }

    /** The embedded MongoDB-wire server, to stop and start it in fault injection; empty for an external one. */
    public Optional<EmbeddedMongoServer> embeddedMongo() {
        return Optional.ofNullable(mongoServer);
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String mongoUri() {
        return mongoUri;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("could not stop {}", started.get(i).getClass().getSimpleName(), e);
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
