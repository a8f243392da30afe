package org.balintobservatory.infrastructure.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), in this JVM.
 *
 * <p>The log directory is formatted on first start only, so a persistent directory keeps every topic
 * and offset across restarts. The broker's version is the one of the Kafka client Spring Boot manages,
 * so client and broker always match.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaConfig config;
    private final int port;
    private final int listeningPort;
    private final Path temporaryDirectory;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(KafkaConfig config, int port, int listeningPort, Path temporaryDirectory) {
        this.config = config;
        this.port = port;
        this.listeningPort = listeningPort;
        this.temporaryDirectory = temporaryDirectory;
    }

    /**
     * Starts a broker.
     *
     * @param logDirectory where topics live across restarts, or {@code null} for a throw-away directory
     * @param port         the client port, or 0 for any free port
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port) {
        return start(logDirectory, port, 0);
    }

    /**
     * Starts a broker that tells clients to connect to another port than the one it listens on: a relay's
     * in front of it, such as a {@link PausableProxy}.
     *
     * @param advertisedPort the port clients are told to connect to, or 0 for the broker's own
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port, int advertisedPort) {
        try {
            Path temporary = logDirectory == null ? Files.createTempDirectory("kafka-") : null;
            Path logs = logDirectory == null ? temporary : logDirectory;
            Files.createDirectories(logs);
            // The controller's port is named in the configuration, so it cannot be 0: ports found free, again
            // on fresh ones if another program binds one first.
            return FreePorts.startOnFreePorts(2, free -> start(logs, temporary, port > 0 ? port : free[0], free[1],
                    advertisedPort));
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        }
    }

    private static EmbeddedKafkaBroker start(Path logs, Path temporary, int clientPort, int controllerPort,
                                             int advertisedPort) {
        try {
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            props.put("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
            int advertised = advertisedPort > 0 ? advertisedPort : clientPort;
            props.put("advertised.listeners", "PLAINTEXT://localhost:" + advertised);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logs.toString());
            props.put("num.partitions", "3");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "true");
            // Keep events for good: the topics are the replayable history behind every read model.
            props.put("log.retention.ms", "-1");
            props.put("log.retention.bytes", "-1");
            // Memory, shared with the gateway and the MongoDB-wire server in one heap. The log cleaner (for the
            // compacted topics) allocates its whole dedupe buffer on the heap when it starts: 128 MB by default,
            // sized for clusters with millions of keys; ours compact a few thousand (key usage, consumer offsets).
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
            props.put("log.cleaner.io.buffer.size", String.valueOf(256 * 1024));
            // One client machine: fewer request and background threads than a cluster node's defaults (8, 3, 10).
            props.put("num.io.threads", "4");
            props.put("num.network.threads", "2");
            props.put("background.threads", "4");
            // At most this many requests wait in the broker's queue, each up to a producer batch: a bound on
            // what a burst of publishing can park on the heap (default 500).
            props.put("queued.max.requests", "100");
            // Segments of 256 MB instead of 1 GB, each with an offset index of at most 2 MB (default 10 MB,
            // preallocated and memory-mapped): smaller files to map, and a replay reads the same records.
            props.put("log.segment.bytes", String.valueOf(256 * 1024 * 1024));
            props.put("log.index.size.max.bytes", String.valueOf(2 * 1024 * 1024));
            KafkaConfig config = new KafkaConfig(props, false);

            // Format once; a formatted directory keeps its cluster id, and with it every topic.
            if (!Files.exists(logs.resolve("meta.properties"))) {
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(logs.toString()))
                        .setMetadataLogDirectory(logs.toString())
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            }

            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config, advertised, clientPort, temporary);
            broker.startServer();
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start", e);
        }
    }

    private synchronized void startServer() {
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            // The controller may be up when the broker fails to bind: free its port and the log directory.
            started.shutdown();
            started.awaitShutdown();
            throw e;
        }
        server = started;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The port the broker listens on: {@link #bootstrapServers()}'s, unless a relay is in front of it. */
    public int listeningPort() {
        return listeningPort;
    }

    /**
     * Stops the broker as a crash-free shutdown would, keeping its log directory: clients see their
     * connections close and reconnect once {@link #restart()} has run. For fault injection.
     */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts a stopped broker again on the same ports and log directory, with every topic and offset. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
        if (temporaryDirectory != null) {
            try (Stream<Path> paths = Files.walk(temporaryDirectory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory left behind is harmless; failing shutdown over it is not.
            }
        }
    }
}
