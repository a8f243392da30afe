package org.balintobservatory.infrastructure.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Free loopback ports for a server that must be told its ports before it binds them (a Kafka broker names
 * its controller's port in its configuration). A port found free is bound only later, and the machine may
 * hand it to another program in between: {@link #startOnFreePorts} starts the server again on fresh ports
 * when that happened. A server that can bind port 0 itself and report its port should do that instead.
 */
public final class FreePorts {

    private static final Logger log = LoggerFactory.getLogger(FreePorts.class);
    /** A conflict is a race lost once in a long while; this many in a row is something else. */
    private static final int ATTEMPTS = 5;

    private FreePorts() {
    }

    /** One port that was free a moment ago. */
    public static int find() {
        return find(1)[0];
    }

    /** {@code count} different ports that were free a moment ago (held together, so none is found twice). */
    public static int[] find(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a socket that only looked for a port cannot lose anything.
                }
            }
        }
    }

    /**
     * Starts a server on {@code count} ports found free, and again on fresh ones, up to {@value #ATTEMPTS}
     * times, when it failed because another program had bound one of them first.
     *
     * @param start starts the server on the ports it is given; must leave nothing running when it fails
     */
    public static <T> T startOnFreePorts(int count, Function<int[], T> start) {
        for (int attempt = 1; ; attempt++) {
            int[] ports = find(count);
            try {
                return start.apply(ports);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !portTaken(e) && !anyBound(ports)) {
                    throw e;
                }
                log.warn("a port found free was taken before the server bound it; starting again on fresh ports");
            }
        }
    }

    /**
     * Whether another program listens on one of the ports now: a server that failed to start left none
     * bound, so one bound now was taken in between, even when the failure does not say so (PostgreSQL's
     * start reports only that it failed).
     */
    static boolean anyBound(int[] ports) {
        for (int port : ports) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failure to start says it was a port another program had bound. */
    static boolean portTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
