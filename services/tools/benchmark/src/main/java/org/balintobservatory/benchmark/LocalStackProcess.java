package org.balintobservatory.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stack as a child process, started exactly as a user starts it ({@code java -jar local-stack.jar}),
 * on ports nobody else uses, with an admin key chosen here. It owns a process tree: the stack's JVM, the
 * service JVMs it starts, and PostgreSQL, whose server detaches from the stack (pg_ctl starts it as a daemon)
 * and is therefore found by its data directory.
 */
public final class LocalStackProcess implements AutoCloseable {

    private static final List<String> MODULES = List.of("local-stack", "group-service", "survey-service",
            "analytics-service", "access-service");

    private final Process process;
    private final Path dataDirectory;
    private final URI baseUrl;
    private final String adminKey;
    private final Path log;

    private LocalStackProcess(Process process, Path dataDirectory, URI baseUrl, String adminKey, Path log) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
        this.log = log;
    }

    /**
     * Starts the stack and waits until it reports UP (every service UP).
     *
     * @param jars where to keep a copy of the jars the stack runs: a JVM reads classes from its jar while it
     *             runs, so a rebuild in the checkout during a long run would break the processes under
     *             measurement; the benchmark measures the build that was there when it started
     */
    public static LocalStackProcess start(Path projectRoot, Path jars, Path dataDirectory, String jvmOptions,
                                          Duration timeout) throws IOException, InterruptedException {
        for (String module : MODULES) {
            Path built = projectRoot.resolve("services").resolve(module).resolve("target").resolve(module + ".jar");
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException(built + " is missing: build it with ./mvnw package -DskipTests");
            }
            Path copy = Files.createDirectories(jars.resolve("services").resolve(module).resolve("target"))
                    .resolve(module + ".jar");
            Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        Path jar = jars.resolve("services/local-stack/target/local-stack.jar");
        int[] ports = freePorts(4);
        String adminKey = generateKey();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmOptions.isBlank()) {
            command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + ports[0],
                "--local-stack.data-directory=" + dataDirectory,
                "--local-stack.project-root=" + jars,
                "--local-stack.demo-data=false",
                "--local-stack.postgres-port=" + ports[1],
                "--local-stack.kafka-port=" + ports[2],
                "--local-stack.mongo-port=" + ports[3],
                "--local-stack.service-ports=0"));
        Path logs = Files.createDirectories(dataDirectory.resolve("logs"));
        Path log = logs.resolve("local-stack.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("BALINT_ADMIN_KEY", adminKey);
        // The stack must run on its embedded servers, whatever this shell points at.
        builder.environment().keySet().removeAll(List.of("SPRING_DATASOURCE_URL", "KAFKA_BOOTSTRAP_SERVERS",
                "MONGODB_URI", "PORT", "LOCAL_STACK_DATA", "LOCAL_STACK_PROJECT_ROOT"));
        LocalStackProcess stack = new LocalStackProcess(builder.start(), dataDirectory,
                URI.create("http://localhost:" + ports[0]), adminKey, log);
        try {
            stack.awaitUp(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void awaitUp(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the local stack exited with " + process.exitValue()
                        + "; the end of its log:\n" + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(baseUrl.resolve("/actuator/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // The gateway listens only once every service is UP.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the local stack did not report UP within " + timeout
                        + "; the end of its log:\n" + tail());
            }
            Thread.sleep(500);
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The analytics service's own address, for its Prometheus endpoint (the gateway forwards only the API): the
     * services bind a port the system picks and write it beside their log, where the stack reads it too.
     */
    public URI analyticsUrl() throws IOException {
        Path portFile = dataDirectory.resolve("logs").resolve("analytics-service.port");
        return URI.create("http://localhost:" + Files.readString(portFile, StandardCharsets.UTF_8).trim());
    }

    /**
     * How many collections at rest the stack has made so far: the local stack logs one line for each when it goes
     * idle after work (IdleMemory).
     */
    public int collectionsAtRest() throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return (int) lines.filter(line -> line.contains("the stack is idle:")).count();
        }
    }

    public String adminKey() {
        return adminKey;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Every process of the stack, by a readable role: the stack's JVM, each service JVM, and every PostgreSQL
     * process. Processes that ended meanwhile are left out.
     */
    public Map<Long, String> processes() {
        Map<Long, String> tree = new LinkedHashMap<>();
        ProcessHandle root = process.toHandle();
        if (!root.isAlive()) {
            return tree;
        }
        tree.put(root.pid(), "local-stack");
        root.descendants().forEach(p -> tree.put(p.pid(), role(p)));
        postgres().forEach(p -> {
            tree.put(p.pid(), "postgresql");
            p.descendants().forEach(child -> tree.put(child.pid(), "postgresql"));
        });
        return tree;
    }

    private static String role(ProcessHandle p) {
        String line = commandLine(p.pid()).orElse("");
        for (String service : List.of("group-service", "survey-service", "analytics-service", "access-service")) {
            if (line.contains(service + ".jar")) {
                return service;
            }
        }
        return line.contains("postgres") ? "postgresql" : "other";
    }

    /** The PostgreSQL server of this data directory, wherever its parent is. */
    private Stream<ProcessHandle> postgres() {
        String directory = dataDirectory.resolve("postgres").toString();
        return ProcessHandle.allProcesses().filter(p -> commandLine(p.pid())
                .filter(line -> line.contains("postgres") && line.contains(directory)).isPresent());
    }

    private static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the stack as Ctrl-C would (its shutdown stops the services and PostgreSQL), then forcibly whatever
     * is still running after a minute.
     */
    @Override
    public void close() {
        Map<Long, String> tree = processes();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.keySet().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        postgres().forEach(ProcessHandle::destroyForcibly);
    }

    private static String generateKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "bo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Consecutive ports free now, for the gateway, PostgreSQL, Kafka and MongoDB, which the stack binds as it starts
     * (the services bind ports the system picks). Drawn from 20000-32000 rather than the defaults (8080, 5432x, 9092,
     * 27017), so that a stack already running on this machine is left alone, and below the range Linux hands out as
     * the local ports of outgoing connections (32768-60999 by default), so that no connection takes one before
     * the stack binds it.
     */
    static int[] freePorts(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000 - count);
            int[] ports = new int[count];
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                ports[i] = base + i;
                free = isFree(ports[i]);
            }
            if (free) {
                return ports;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports between 20000 and 32000");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Bytes on disk (allocated blocks, as {@code du} counts them: Kafka's preallocated sparse index files
     * count for what they hold) under a path of the data directory.
     */
    public long diskUsage(Path relative) throws IOException, InterruptedException {
        Path path = dataDirectory.resolve(relative);
        if (!Files.exists(path)) {
            return 0;
        }
        Process du = new ProcessBuilder("du", "-s", "-B1", path.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        du.waitFor();
        return Long.parseLong(out.trim().split("\\s+")[0]);
    }
}
