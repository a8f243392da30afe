package org.balintobservatory.localstack;

import org.balintobservatory.infrastructure.embedded.FreePorts;
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

/**
 * Runs each service as its own JVM from its packaged jar, configured only through the environment
 * variables production uses, and waits until each reports UP.
 */
public final class ServiceProcesses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);

    private final Map<ServiceDefinition, URI> baseUris = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logFiles = new ArrayList<>();

    public ServiceProcesses(LocalStackProperties props, LocalInfrastructure infra, ApiKeys keys, Path logDirectory) {
        try {
            Files.createDirectories(logDirectory);
            int port = props.servicePorts();
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                int servicePort = props.persistent() && port > 0 ? port++ : FreePorts.find();
                processes.add(launch(props, infra, keys, logDirectory, service, servicePort));
                baseUris.put(service, URI.create("http://localhost:" + servicePort));
            }
            awaitHealthy(props.startupTimeout());
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Process launch(LocalStackProperties props, LocalInfrastructure infra, ApiKeys keys, Path logDirectory,
                           ServiceDefinition service, int port) throws IOException {
        Path jar = props.projectPath().resolve("services").resolve(service.name()).resolve("target")
                .resolve(service.name() + ".jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(props.serviceJvmOptions().trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(keys.asServiceArguments());
        // One person at a laptop, and the demo loader, may go faster than the production default.
        command.add("--balint.access.requests-per-second=500");
        command.add("--balint.access.burst=2000");
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
        env.put("MONGODB_URI", infra.mongoUri());
        // In the environment, not on the command line, where every user of the machine could read it.
        env.put("BALINT_PSEUDONYMS_SECRET", keys.pseudonymSecret());
        if (service.database() != null) {
            env.put("SPRING_DATASOURCE_URL", infra.jdbcUrl(service.database()));
            env.putIfAbsent("SPRING_DATASOURCE_USERNAME", "postgres");
            env.putIfAbsent("SPRING_DATASOURCE_PASSWORD", "");
            // Every pooled connection is a PostgreSQL process of its own, a few MB each: keep two per service
            // when idle (Hikari's default keeps the whole pool of ten open for good).
            env.putIfAbsent("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "2");
            env.putIfAbsent("SPRING_DATASOURCE_HIKARI_IDLE_TIMEOUT", "60000");
        }
        Path logFile = logDirectory.resolve(service.name() + ".log");
        logFiles.add(logFile);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        log.info("starting {} on port {} (log: {})", service.name(), port, logFile);
        return builder.start();
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        int i = 0;
        for (Map.Entry<ServiceDefinition, URI> entry : baseUris.entrySet()) {
            Path logFile = logFiles.get(i);
            Process process = processes.get(i++);
            while (!isUp(http, entry.getValue())) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(entry.getKey().name() + " exited with " + process.exitValue()
                            + "; the end of its log:\n" + tail(logFile));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(entry.getKey().name() + " did not report UP within " + timeout
                            + "; the end of its log:\n" + tail(logFile));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting services", e);
                }
            }
            log.info("{} is UP at {}", entry.getKey().name(), entry.getValue());
        }
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

    public Map<ServiceDefinition, URI> baseUris() {
        return baseUris;
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
