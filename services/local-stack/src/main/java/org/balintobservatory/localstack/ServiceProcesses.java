package org.balintobservatory.localstack;

import org.balintobservatory.infrastructure.embedded.Patience;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each service as its own JVM from its packaged jar (unpacked: {@link ExtractedJars}), configured only
 * through the environment variables production uses, and waits until each reports UP. With {@code local-stack.instances} above 1,
 * every service runs as that many processes on ports of their own, against the same databases, broker and
 * read-model store, as replicas of a Deployment would.
 *
 * <p>A monitor checks every instance's health once a second; the gateway sends requests only to the
 * instances it last found UP.
 */
public final class ServiceProcesses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    /** A health check's time to answer, as the readiness probes of deploy/kubernetes ({@code timeoutSeconds}). */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** However busy the machine, a start that takes this many times its nominal time has failed. */
    static final int STARTUP_CAP_FACTOR = 10;
    /** How often an instance is started while it exits before it reports UP. */
    private static final int MAX_STARTS = 5;
    /**
     * The most events a service may have stored and not yet published for a batch to be taken or to run its next
     * transaction ({@code balint.batch.backpressure.max-unpublished}). Chosen by the benchmark at 10 institutions,
     * one run each: at this bound the write-to-answer delay's p99 fell to about half, ingestion within or a little
     * under the spread of runs without it; at a third of it, ingestion was clearly slower for a p99 little lower.
     */
    static final int MAX_UNPUBLISHED = 3_000;
    /**
     * The most records the analytics projection may be behind for a batch to be taken
     * ({@code balint.batch.backpressure.max-lag}; 20,000 where nothing sets it). Chosen by the benchmark at 100
     * institutions, one run each: once the publisher kept up, the projection was the slower stage at that size, and
     * with 20,000 records the write-to-answer delay's p99 was more than twice what it had been while the publisher was
     * the slower stage; with this bound it was below that again, and ingestion still faster than then.
     */
    static final int MAX_LAG = 5_000;

    private final Map<ServiceDefinition, List<ServiceInstance>> instances = new LinkedHashMap<>();
    private final AtomicLong checks = new AtomicLong();
    /** Ports a user chose are kept; ports found free are replaced when taken before the service bound them. */
    private final boolean fixedPorts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "service-monitor");
        thread.setDaemon(true);
        return thread;
    });

    public ServiceProcesses(LocalStackProperties props, LocalInfrastructure infra, ApiKeys keys, Path logDirectory) {
        this(props, infra, keys, logDirectory, ServiceDefinition.ALL);
    }

    /**
     * Runs only some of the services: a test of one service's process needs no other (ports are as for all,
     * by each service's place in {@link ServiceDefinition#ALL}).
     */
    ServiceProcesses(LocalStackProperties props, LocalInfrastructure infra, ApiKeys keys, Path logDirectory,
                     List<ServiceDefinition> only) {
        this.fixedPorts = props.persistent() && props.servicePorts() > 0;
        try {
            Files.createDirectories(logDirectory);
            int services = ServiceDefinition.ALL.size();
            Map<ServiceDefinition, Path> jars = launchableJars(props, only);
            for (int s = 0; s < services; s++) {
                ServiceDefinition service = ServiceDefinition.ALL.get(s);
                if (!only.contains(service)) {
                    continue;
                }
                List<ServiceInstance> replicas = new ArrayList<>();
                for (int n = 1; n <= Math.max(1, props.instances()); n++) {
                    int port = fixedPorts ? props.servicePorts() + (n - 1) * services + s : 0;
                    replicas.add(instance(props, infra, keys, logDirectory, service, jars.get(service), n, port));
                }
                instances.put(service, List.copyOf(replicas));
            }
            for (ServiceInstance instance : all()) {
                log.info("starting {} on {} (log: {})", instance.name(),
                        fixedPorts ? "port " + instance.port() : "a port it picks", instance.logFile());
                instance.start();
            }
            // N instances start at once on the same cores: each takes about N times as long.
            awaitHealthy(props.startupTimeout().multipliedBy(Math.max(1, props.instances())));
            monitor.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Each service's jar to start, unpacked from its built jar (the four at once: about a second each). */
    private static Map<ServiceDefinition, Path> launchableJars(LocalStackProperties props,
                                                               List<ServiceDefinition> services) {
        Map<ServiceDefinition, CompletableFuture<Path>> unpacking = new LinkedHashMap<>();
        for (ServiceDefinition service : services) {
            Path jar = props.projectPath().resolve("services").resolve(service.name()).resolve("target")
                    .resolve(service.name() + ".jar").toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build it with ./mvnw package -DskipTests");
            }
            unpacking.put(service, CompletableFuture.supplyAsync(() -> ExtractedJars.launchable(jar, JAVA)));
        }
        Map<ServiceDefinition, Path> jars = new LinkedHashMap<>();
        unpacking.forEach((service, jar) -> jars.put(service, jar.join()));
        return jars;
    }

    private ServiceInstance instance(LocalStackProperties props, LocalInfrastructure infra, ApiKeys keys,
                                     Path logDirectory, ServiceDefinition service, Path jar, int number, int port) {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(Arrays.asList(props.serviceJvmOptions().trim().split("\\s+")));
        command.addAll(NativeHeap.trimOptions(props.serviceJvmOptions()));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(keys.asServiceArguments());
        // The gateway in front refuses bodies by the same limits (Gateway, BodyLimits).
        command.addAll(BodyLimits.DEFAULTS.asServiceArguments());
        // One person at a laptop, and the demo loader, may go faster than the production default.
        command.add("--balint.access.requests-per-second=500");
        command.add("--balint.access.burst=2000");
        // Reading the key topics is part of starting; the launcher bounds the start as a whole (awaitHealthy).
        command.add("--balint.security.registry.startup-timeout="
                + props.startupTimeout().multipliedBy(STARTUP_CAP_FACTOR).toSeconds() + "s");
        String name = number == 1 ? service.name() : service.name() + "-" + number;
        Path portFile = null;
        if (port == 0) {
            // The service binds a port the system picks and writes it here once it listens (ServiceInstance).
            portFile = logDirectory.resolve(name + ".port").toAbsolutePath();
            command.add("--balint.port-file=" + portFile);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", String.valueOf(port));
        if (!props.tracesEndpoint().isBlank()) {
            env.put("OTLP_TRACING_EXPORT", "true");
            env.put("OTLP_TRACING_ENDPOINT", props.tracesEndpoint());
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
        env.put("MONGODB_URI", infra.mongoUri());
        // In the environment, not on the command line, where every user of the machine could read it.
        env.put("BALINT_PSEUDONYMS_SECRET", keys.pseudonymSecret());
        // Every process shares this machine's cores: the batch endpoints wait while the analytics projection is
        // behind, rather than let the read models fall ever further behind a bulk load (docs/batches.md), and so do
        // batches while the service's own publisher is; which of the two is slower depends on the size of the load,
        // so both are bounded; a refused batch is asked back after a second, about what the publisher takes to send a
        // transaction's events.
        env.putIfAbsent("BALINT_BATCH_BACKPRESSURE_ENABLED", "true");
        env.putIfAbsent("BALINT_BATCH_BACKPRESSURE_MAXLAG", String.valueOf(MAX_LAG));
        env.putIfAbsent("BALINT_BATCH_BACKPRESSURE_MAXUNPUBLISHED", String.valueOf(MAX_UNPUBLISHED));
        env.putIfAbsent("BALINT_BATCH_BACKPRESSURE_RETRYAFTER", "1s");
        if (service.database() != null) {
            env.put("SPRING_DATASOURCE_URL", infra.jdbcUrl(service.database()));
            env.putIfAbsent("SPRING_DATASOURCE_USERNAME", "postgres");
            env.putIfAbsent("SPRING_DATASOURCE_PASSWORD", "");
            // Every pooled connection is a PostgreSQL process of its own, a few MB each: keep two per service
            // when idle (Hikari's default keeps the whole pool of ten open for good).
            env.putIfAbsent("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "2");
            env.putIfAbsent("SPRING_DATASOURCE_HIKARI_IDLE_TIMEOUT", "60000");
        }
        Path logFile = logDirectory.resolve(name + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return new ServiceInstance(service, number, port, portFile, logFile, builder);
    }

    /**
     * Waits until every instance reports UP, for as long as each is alive and making progress: a service
     * that writes to its log is starting, however slowly a busy machine lets it. It fails when a process
     * exits {@value #MAX_STARTS} times, when its log stays still for longer than {@code nominal} grown by the
     * machine's load ({@link Patience}), or after {@value #STARTUP_CAP_FACTOR} times {@code nominal} in all. A
     * service that exits while starting is started again: on a busy machine Kafka or PostgreSQL may answer
     * it too late, and a service gives up on them (as it should in production, where it is restarted too).
     */
    private void awaitHealthy(Duration nominal) {
        Instant cap = Instant.now().plus(nominal.multipliedBy(STARTUP_CAP_FACTOR));
        for (ServiceInstance instance : all()) {
            long logSize = logSize(instance);
            Instant lastProgress = Instant.now();
            int starts = 1;
            while (!isUp(http, instance.baseUri())) {
                Instant now = Instant.now();
                if (!instance.alive()) {
                    if (starts++ < MAX_STARTS) {
                        log.warn("{} exited while starting (code {}); starting it again", instance.name(),
                                instance.exitCode());
                        instance.start();
                        lastProgress = now;
                        continue;
                    }
                    throw new IllegalStateException(instance.name() + " exited with " + instance.process().exitValue()
                            + "; the end of its log:\n" + tail(instance.logFile()));
                }
                long size = logSize(instance);
                if (size != logSize) {
                    logSize = size;
                    lastProgress = now;
                }
                Duration stall = Patience.scaled(nominal);
                if (Duration.between(lastProgress, now).compareTo(stall) > 0 || now.isAfter(cap)) {
                    throw new IllegalStateException(instance.name() + " did not report UP ("
                            + (now.isAfter(cap) ? "still starting after " + nominal.multipliedBy(STARTUP_CAP_FACTOR)
                            : "its log still for " + stall) + "); the end of its log:\n" + tail(instance.logFile()));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting services", e);
                }
            }
            instance.ready(true);
            log.info("{} is UP at {}", instance.name(), instance.baseUri());
        }
    }

    private static long logSize(ServiceInstance instance) {
        try {
            return Files.size(instance.logFile());
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * One round of the monitor: every instance's health, as the gateway will use it, and the supervision of
     * the processes. A process that died is reported on the console and started again after its backoff
     * ({@link ServiceInstance#scheduleRestart}); one stopped on request stays stopped.
     */
    private void check() {
        try {
            Instant now = Instant.now();
            List<ServiceInstance> all = all();
            Map<ServiceInstance, CompletableFuture<Boolean>> checks = new LinkedHashMap<>();
            for (ServiceInstance instance : all) {
                if (instance.alive()) {
                    checks.put(instance, isUpAsync(instance.baseUri()));
                }
            }
            for (ServiceInstance instance : all) {
                if (instance.held()) {
                    continue;
                }
                if (!instance.alive()) {
                    supervise(instance, now);
                    continue;
                }
                boolean up = checks.get(instance).join();
                ServiceInstance.State before = instance.state();
                instance.checked(up);
                if (up && (before == ServiceInstance.State.DOWN
                        || before == ServiceInstance.State.STARTING && instance.restarts() > 0)) {
                    log.info("{} is UP again", instance.name());
                } else if (before == ServiceInstance.State.UP && !instance.ready()) {
                    log.warn("{} no longer reports UP; the gateway sends its requests to other instances",
                            instance.name());
                }
            }
        } catch (RuntimeException e) {
            log.warn("checking the services failed", e);
        } finally {
            checks.incrementAndGet();
        }
    }

    /**
     * Waits until the monitor has checked every instance {@code rounds} more times: what it has seen by then
     * (an instance gone, a dependency down) is in {@link ServiceInstance#state()}.
     *
     * @return false if it had not within the timeout
     */
    public boolean awaitChecks(int rounds, Duration timeout) throws InterruptedException {
        long target = checks.get() + rounds;
        Instant deadline = Instant.now().plus(timeout);
        while (checks.get() < target) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private void supervise(ServiceInstance instance, Instant now) {
        instance.ready(false);
        if (instance.restartAt() == null) {
            Duration delay = instance.scheduleRestart(now);
            log.warn("{} exited with code {}; starting it again in {} s (log: {})", instance.name(),
                    instance.exitCode(), delay.toSeconds(), instance.logFile());
        } else if (!now.isBefore(instance.restartAt())) {
            log.info("starting {} again", instance.name());
            instance.start();
        }
    }

    private CompletableFuture<Boolean> isUpAsync(URI base) {
        return http.sendAsync(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                        .timeout(CHECK_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200 && r.body().contains("\"UP\""))
                .exceptionally(e -> false);
    }

    /** The instance of this name ({@link ServiceInstance#name()}), such as {@code group-service-2}. */
    public ServiceInstance instance(String name) {
        return all().stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance named " + name));
    }

    /**
     * Kills an instance's process as {@code kill -9} does (no shutdown hook runs); the monitor notices and
     * starts it again after its backoff, as it would after a crash.
     */
    public void kill(ServiceInstance instance) throws InterruptedException {
        log.warn("killing {} (pid {})", instance.name(), instance.pid());
        instance.kill();
    }

    /** Stops an instance (SIGTERM, then SIGKILL after 20 s) and keeps it stopped until {@link #start}. */
    public void stop(ServiceInstance instance) {
        instance.hold(true);
        instance.terminate();
        instance.awaitExit();
    }

    /** Starts an instance stopped with {@link #stop}, or one waiting for its restart, now. */
    public void start(ServiceInstance instance) {
        instance.hold(false);
        instance.start();
    }

    /** Waits until the monitor finds the instance UP; false if it did not within the timeout. */
    public boolean awaitUp(ServiceInstance instance, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (instance.state() != ServiceInstance.State.UP) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    static boolean isUp(HttpClient http, URI base) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every instance, service by service in {@link ServiceDefinition#ALL}'s order. */
    public List<ServiceInstance> all() {
        return instances.values().stream().flatMap(List::stream).toList();
    }

    /** The instances of one service, first to last. */
    public List<ServiceInstance> instances(ServiceDefinition service) {
        return instances.getOrDefault(service, List.of());
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        List<ServiceInstance> all = all();
        all.forEach(ServiceInstance::terminate);
        all.forEach(ServiceInstance::awaitExit);
    }
}
