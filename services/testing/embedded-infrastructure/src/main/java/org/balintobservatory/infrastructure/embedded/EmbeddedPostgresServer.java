package org.balintobservatory.infrastructure.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server run from the binaries published on Maven Central.
 *
 * <p>With a data directory the cluster survives restarts (the local stack); without one it lives in a
 * temporary directory that is removed on close (tests).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres.Builder builder;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres.Builder builder, EmbeddedPostgres postgres) {
        this.builder = builder;
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    /**
     * Starts a server.
     *
     * @param dataDirectory where the cluster lives across restarts, or {@code null} for a throw-away one
     * @param port          the port to listen on, or 0 for any free port
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        if (port > 0) {
            return startOn(dataDirectory, port);
        }
        // PostgreSQL is told its port on the command line: one found free, again a fresh one if taken first.
        return FreePorts.startOnFreePorts(1, free -> startOn(dataDirectory, free[0]));
    }

    private static EmbeddedPostgresServer startOn(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // Starting a cluster takes longer the busier the machine.
                    .setPGStartupWait(Patience.scaled(Duration.ofSeconds(60)))
                    // Integration tests keep several Spring contexts, each with its connection pools, open at once.
                    .setServerConfig("max_connections", "200")
                    // Memory: the event stores append, and read an aggregate's few events by index; what the
                    // buffers do not hold the OS page cache still does. 64 MB shared (default 128 MB), 4 MB per
                    // sort or hash (the default, stated), 32 MB for vacuum and index builds (default 64 MB, and
                    // each autovacuum worker may take it), and two autovacuum workers instead of three.
                    .setServerConfig("shared_buffers", "64MB")
                    .setServerConfig("work_mem", "4MB")
                    .setServerConfig("maintenance_work_mem", "32MB")
                    .setServerConfig("autovacuum_max_workers", "2")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
            builder.setPort(port);
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(builder, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Stops the server (a fast shutdown: open transactions are rolled back, connections closed), keeping a
     * persistent data directory. For fault injection; {@link #restart()} starts it again.
     */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    /** Starts a stopped server again on the same port and data directory. Only for a persistent directory. */
    public synchronized void restart() {
        if (postgres == null) {
            try {
                postgres = builder.setPort(port).start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start again", e);
            }
        }
    }

    public synchronized boolean running() {
        return postgres != null;
    }

    /** Creates the database unless it exists, and returns its JDBC URL. */
    public String database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() {
        stop();
    }
}
