package org.balintobservatory.infrastructure.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Where PostgreSQL, Kafka and MongoDB are, for the integration tests: the real servers named by the
 * standard environment variables when they are set (as in CI's service-container job), otherwise servers
 * started in this JVM, once, and shared by every test class of the run.
 *
 * @param postgresUrl      JDBC URL of a PostgreSQL database the caller may create tables in
 * @param postgresUser     its user
 * @param postgresPassword its password
 * @param kafkaBootstrap   Kafka bootstrap servers
 * @param mongoUri         MongoDB connection string
 */
public record InfrastructureEndpoints(
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        String kafkaBootstrap,
        String mongoUri) {

    private static final Logger log = LoggerFactory.getLogger(InfrastructureEndpoints.class);
    /** Consonants only: no vowel, so no name; no digit, so no number, date or postcode. */
    private static final String TAG_LETTERS = "bcdfghjklmnpqrstvwxz";
    private static final int TAG_LENGTH = 8;
    private static final String RUN_TAG = runTag(new Random());
    private static InfrastructureEndpoints shared;

    /**
     * This JVM's tag, for the ids of what a test run writes (an institution, a key): servers named by the
     * environment may outlive a run, so a run's ids must differ from the last run's. The tag is eight
     * lower-case consonants, which the identifier guard cannot read as an address, a number, a date, a
     * postcode or a name, whatever letters are drawn.
     */
    public static String runTag() {
        return RUN_TAG;
    }

    static String runTag(RandomGenerator random) {
        StringBuilder tag = new StringBuilder(TAG_LENGTH);
        for (int i = 0; i < TAG_LENGTH; i++) {
            tag.append(TAG_LETTERS.charAt(random.nextInt(TAG_LETTERS.length())));
        }
        return tag.toString();
    }

    /** The endpoints for this JVM, starting embedded servers for whatever the environment does not name. */
    public static synchronized InfrastructureEndpoints resolve() {
        if (shared == null) {
            shared = resolve(System.getenv());
        }
        return shared;
    }

    static InfrastructureEndpoints resolve(Map<String, String> env) {
        List<AutoCloseable> started = new ArrayList<>();
        String pgUrl = env.get("SPRING_DATASOURCE_URL");
        String pgUser = env.getOrDefault("SPRING_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        String pgPassword = env.getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
        if (isBlank(pgUrl)) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0);
            started.add(postgres);
            pgUrl = postgres.database("balint_test");
            pgUser = EmbeddedPostgresServer.USER;
            pgPassword = "";
        }
        String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (isBlank(kafka)) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0);
            started.add(broker);
            kafka = broker.bootstrapServers();
        }
        String mongo = env.get("MONGODB_URI");
        if (isBlank(mongo)) {
            EmbeddedMongoServer server = EmbeddedMongoServer.start(null, 0);
            started.add(server);
            mongo = server.connectionString();
        }
        stopAtExit(() -> {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    log.warn("could not stop {}", started.get(i), e);
                }
            }
        });
        log.info("infrastructure: postgres={} kafka={} mongo={}", pgUrl, kafka, mongo);
        return new InfrastructureEndpoints(pgUrl, pgUser, pgPassword, kafka, mongo);
    }

    /**
     * Stops the servers when the JVM exits, after the Spring applications that use them. The JVM runs its
     * shutdown hooks at the same time, so a hook of its own would stop the broker and the read-model store
     * while the applications' contexts close: their clients then wait out their timeouts against servers
     * that are gone (a test JVM of the analytics service took 13 to 29 s to exit so, at no CPU). Spring Boot
     * runs its shutdown handlers after it has closed every application context, so where Spring Boot is on
     * the class path the servers stop there. Every caller of {@link #resolve()} runs Spring applications;
     * in a JVM that never starts one, Spring Boot's hook is never registered, and the in-process broker and
     * store end with the JVM, PostgreSQL with the hook its library registers for it.
     */
    static void stopAtExit(Runnable stop) {
        if (isPresent("org.springframework.boot.SpringApplication")) {
            SpringBootShutdown.after(stop);
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "embedded-infrastructure-shutdown"));
        }
    }

    /** Kept apart so that Spring Boot's classes are loaded only where Spring Boot is present. */
    private static final class SpringBootShutdown {
        static void after(Runnable stop) {
            org.springframework.boot.SpringApplication.getShutdownHandlers().add(stop);
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, InfrastructureEndpoints.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A JDBC URL whose default schema is the given one, created if missing: each service under test
     * gets its own event store even when every test shares one external database.
     */
    public String postgresUrlForSchema(String schema) {
        return PostgresSchemas.withSchema(postgresUrl, postgresUser, postgresPassword, schema);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
