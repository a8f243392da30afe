package org.balintobservatory.infrastructure.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-compatible server in this JVM (mongo-java-server), the one stand-in of the local
 * stack: no mongod can be installed here. It has no transactions and no change streams, and a filter without
 * {@code _id} scans the collection, so read models are keyed by {@code _id} and written in batches. A filter on
 * {@code _id} and other fields (a conditional write) reads only what the {@code _id} index gives, as MongoDB does
 * ({@link IdFirstBackends}); {@link #documentsExamined()} counts what the queries read.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    /**
     * The H2 MVStore's page cache, on the heap of the JVM that hosts the server. It is what makes repeated
     * reads of the same documents cheap; beyond the read models' working set it only costs heap. Stated here
     * rather than left to H2's default so that the local stack's heap limit can be reasoned about.
     */
    public static final int CACHE_MB = 32;

    /** Unsaved changes the MVStore holds before its background writer stores them (H2's default). */
    public static final int WRITE_BUFFER_KB = 1024;

    /**
     * How long the MVStore keeps a chunk it no longer needs before it may reuse the space: a reader traversing a
     * map meanwhile still finds the pages it started from. H2's default, 45 seconds, is shorter than the scans this
     * server makes for a filter on a field without an index (it has only the {@code _id} index) on a large
     * collection while other requests write: at 100 institutions a data release's cut, which reads its published
     * states that way, failed with "Chunk … not found" after two minutes. The cost is disk: space freed during the
     * last ten minutes is not reused yet.
     */
    public static final int RETENTION_MS = 10 * 60 * 1000;

    private final Path file;
    private final InetSocketAddress address;
    private MongoServer server;
    private MongoBackend backend;
    /** Documents examined by the backends stopped before the current one. */
    private long examinedBefore;

    private EmbeddedMongoServer(Path file, MongoBackend backend, MongoServer server, InetSocketAddress address) {
        this.file = file;
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /**
     * Starts a server.
     *
     * @param file an H2 file that keeps the data across restarts, or {@code null} to keep it in memory
     * @param port the port, or 0 for any free port
     */
    public static EmbeddedMongoServer start(Path file, int port) {
        MongoBackend backend = backend(file);
        MongoServer server = new MongoServer(backend);
        // Port 0 is bound as it is chosen, so no other program can take it in between.
        server.bind("localhost", port);
        InetSocketAddress address = server.getLocalAddress();
        return new EmbeddedMongoServer(file, backend, server, address);
    }

    private static MongoBackend backend(Path file) {
        MongoBackend backend;
        if (file == null) {
            backend = IdFirstBackends.inMemory();
        } else {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IdFirstBackends.convertFile(file);
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .cacheSize(CACHE_MB)
                    .autoCommitBufferSize(WRITE_BUFFER_KB)
                    .open();
            store.setRetentionTime(RETENTION_MS);
            backend = IdFirstBackends.file(store);
        }
        return backend;
    }

    public String connectionString() {
        return "mongodb://localhost:" + address.getPort();
    }

    /**
     * Stops the server, closing every connection and its store; a file-backed one keeps its data for
     * {@link #restart()}. For fault injection.
     */
    public synchronized void stop() {
        if (server != null) {
            examinedBefore += IdFirstBackends.examined(backend);
            server.shutdown();
            server = null;
        }
    }

    /** Starts a stopped server again on the same port; only a file-backed one still holds its documents. */
    public synchronized void restart() {
        if (server == null) {
            MongoBackend restarted = backend(file);
            MongoServer started = new MongoServer(restarted);
            started.bind(address.getHostString(), address.getPort());
            backend = restarted;
            server = started;
        }
    }

    /**
     * Documents the server's queries have read (matched against a query) since it started, restarts included:
     * work counted rather than timed, for tests that guard what a read or a write costs the store.
     */
    public synchronized long documentsExamined() {
        return examinedBefore + (server == null ? 0 : IdFirstBackends.examined(backend));
    }

    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }
}
