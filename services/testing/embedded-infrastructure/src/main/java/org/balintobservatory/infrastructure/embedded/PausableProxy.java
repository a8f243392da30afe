package org.balintobservatory.infrastructure.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a server that can be paused: while paused, connections are still accepted (as the
 * kernel accepts them for a stopped process) but no byte moves in either direction, so clients wait until
 * their own timeouts fire — what a server that hangs, rather than one that is gone, does to them. For fault
 * injection; one thread per connection and direction, which a test's handful of clients can afford.
 */
public final class PausableProxy implements AutoCloseable {

    private final ServerSocket server;
    private volatile int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean paused;
    private volatile boolean closed;

    /**
     * A relay to a server that is not started yet: it closes every connection, as a server that is down
     * would, until {@link #forwardTo} names the server's port. Bound at once, so its port can be given to the
     * server to advertise.
     *
     * @param port where clients connect, or 0 for any free port
     */
    public PausableProxy(int port) {
        this(port, 0);
    }

    /**
     * @param port       where clients connect, or 0 for any free port
     * @param targetPort the server's port on localhost
     */
    public PausableProxy(int port, int targetPort) {
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Relays new connections to this port on localhost. */
    public void forwardTo(int port) {
        targetPort = port;
    }

    /** Stops every byte from moving, on open connections and new ones, until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target;
                try {
                    if (targetPort == 0) {
                        throw new IOException("no server to relay to yet");
                    }
                    target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException refused) {
                    // The server is down: the client sees its connection closed, as it would be refused.
                    closeQuietly(client);
                    continue;
                }
                sockets.add(client);
                sockets.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitResumed();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // The other side closed, or the proxy did: close both.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-" + from.getPort() + "-" + to.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitResumed() throws InterruptedException {
        synchronized (gate) {
            while (paused && !closed) {
                gate.wait();
            }
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        sockets.forEach(this::closeQuietly);
    }
}
