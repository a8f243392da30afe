package org.balintobservatory.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of a service: its port, log file and the command that starts it, so that it can be started
 * again after it died. Unless the user chose the ports, the service binds a port the system picks (port 0)
 * and writes it to its port file once it listens ({@code WebServerPortFileWriter}): no port is chosen by
 * one program and bound by another later, so none can be taken in between, and an instance whose port is
 * known is the process that bound it. The gateway sends requests only to instances that are ready
 * ({@link #ready()}, {@link #checked}); {@link ServiceProcesses} watches the process and restarts it.
 */
public final class ServiceInstance {

    /** Failed health checks in a row that take an instance out of the gateway's rotation ({@link #checked}). */
    static final int FAILED_CHECKS_TO_LEAVE = 3;

    private final ServiceDefinition service;
    private final int number;
    /** 0 while the process has not yet said which port it bound. */
    private volatile int port;
    /** Where the service writes the port it bound; null when the user chose the port. */
    private final Path portFile;
    private final Path logFile;
    private final ProcessBuilder command;
    private volatile Process process;
    private volatile boolean ready;
    private volatile boolean held;
    private volatile boolean everUp;
    private volatile Instant upSince;
    private volatile Instant restartAt;
    private volatile int failures;
    /** Health checks failed in a row, since the last that answered UP. */
    private volatile int failedChecks;
    private volatile int restarts;

    /** What the launcher knows of an instance, as its health reports it. */
    public enum State {
        /** Its process runs and has not yet answered UP since it started. */
        STARTING,
        /**
         * It answered its health check UP, and has not since failed {@link #FAILED_CHECKS_TO_LEAVE} checks in a row:
         * the gateway sends it requests.
         */
        UP,
        /** Its process runs but its health is not UP (a dependency it needs is unreachable, or it hangs). */
        DOWN,
        /** Its process died; the launcher starts it again after a backoff. */
        EXITED,
        /** Stopped on request; started again only on request. */
        STOPPED
    }

    /**
     * @param port     the port the user chose, or 0 for one the service binds and reports in {@code portFile}
     * @param portFile where the service writes its port; null with a chosen port
     */
    ServiceInstance(ServiceDefinition service, int number, int port, Path portFile, Path logFile,
                    ProcessBuilder command) {
        this.service = service;
        this.number = number;
        this.port = port;
        this.portFile = portFile;
        this.logFile = logFile;
        this.command = command;
    }

    public ServiceDefinition service() {
        return service;
    }

    /** 1 for the first instance of a service, 2 for the second, and so on. */
    public int number() {
        return number;
    }

    /** The service's name, with the instance's number when it is not the first: {@code group-service-2}. */
    public String name() {
        return number == 1 ? service.name() : service.name() + "-" + number;
    }

    /**
     * Where the process listens: {@code http://localhost:0} until it has bound its port and said so, which no
     * connection reaches.
     */
    public URI baseUri() {
        return URI.create("http://localhost:" + port());
    }

    /** The port the running process bound, or 0 while it has not said yet. */
    int port() {
        int known = port;
        if (known != 0 || portFile == null) {
            return known;
        }
        try {
            String written = Files.readString(portFile, StandardCharsets.UTF_8).trim();
            if (!written.isEmpty()) {
                port = Integer.parseInt(written);
            }
        } catch (IOException | NumberFormatException e) {
            // Not written yet, or caught halfway through its one write: read again on the next call.
        }
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Whether its process is running; false after it exited, was killed or was never started. */
    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The process's id, or -1 when no process runs. */
    public long pid() {
        Process p = process;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    /** The value of a {@code -XX:name=value} option the instance's JVM was started with. */
    Optional<String> jvmOption(String name) {
        String prefix = "-XX:" + name + "=";
        String value = null;
        for (String argument : command.command()) {
            if (argument.startsWith(prefix)) {
                // as the JVM reads its options: the last one wins
                value = argument.substring(prefix.length());
            }
        }
        return Optional.ofNullable(value);
    }

    /**
     * Whether the gateway sends it requests: its process runs, and it answered a health check UP without failing
     * {@link #FAILED_CHECKS_TO_LEAVE} in a row since.
     */
    public boolean ready() {
        return ready && alive();
    }

    /**
     * The result of one of the monitor's health checks. An instance that was UP leaves the gateway's rotation
     * only after {@link #FAILED_CHECKS_TO_LEAVE} failed checks in a row, as the readiness probes of
     * deploy/kubernetes do ({@code failureThreshold: 3}): a service busy under load can miss one check's timeout
     * while it answers its requests, and taking its only instance away for that turned a slow moment into 503s.
     * A process that died leaves at once ({@link #ready()}).
     */
    void checked(boolean up) {
        if (up) {
            failedChecks = 0;
            ready(true);
        } else if (++failedChecks >= FAILED_CHECKS_TO_LEAVE || !ready) {
            ready(false);
        }
    }

    void ready(boolean up) {
        if (up && !ready) {
            upSince = Instant.now();
        }
        if (up) {
            everUp = true;
        }
        this.ready = up;
    }

    public State state() {
        if (held) {
            return State.STOPPED;
        }
        if (!alive()) {
            return State.EXITED;
        }
        if (ready) {
            return State.UP;
        }
        return everUp ? State.DOWN : State.STARTING;
    }

    /** How often the launcher has started this instance again after it died. */
    public int restarts() {
        return restarts;
    }

    boolean held() {
        return held;
    }

    void hold(boolean held) {
        this.held = held;
    }

    /** When a dead instance is to be started again, or {@code null} when no restart is pending. */
    Instant restartAt() {
        return restartAt;
    }

    /**
     * Notes that the process died and when to start it again: after 1 s, then 2, 4, 8, 16 and at most 30 s
     * for each death in a row; an instance that stayed UP for a minute starts again from 1 s.
     */
    Duration scheduleRestart(Instant now) {
        Instant up = upSince;
        if (up != null && Duration.between(up, now).compareTo(STABLE) >= 0) {
            failures = 0;
        }
        Duration delay = backoff(failures++);
        restartAt = now.plus(delay);
        return delay;
    }

    static final Duration STABLE = Duration.ofMinutes(1);

    static Duration backoff(int failuresInARow) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(failuresInARow, 5)));
    }

    Integer exitCode() {
        Process p = process;
        return p == null || p.isAlive() ? null : p.exitValue();
    }

    Process process() {
        return process;
    }

    synchronized void start() {
        if (alive()) {
            return;
        }
        if (process != null) {
            restarts++;
        }
        ready = false;
        everUp = false;
        upSince = null;
        restartAt = null;
        try {
            if (portFile != null) {
                // A restarted service binds a new port: the old one's file must not stand for it.
                Files.deleteIfExists(portFile);
                port = 0;
            }
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name(), e);
        }
    }

    /** Ends the process at once, as {@code kill -9} does: no shutdown hook, no graceful close. */
    synchronized void kill() throws InterruptedException {
        ready = false;
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Asks the process to stop (SIGTERM), as an orchestrator does; {@link #awaitExit()} waits for it. */
    synchronized void terminate() {
        ready = false;
        Process p = process;
        if (p != null) {
            p.destroy();
        }
    }

    /** Waits up to 20 s for a terminated process to exit, then kills it. */
    void awaitExit() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name() + " at " + baseUri();
    }
}
