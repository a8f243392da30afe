package org.balintobservatory.localstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One local stack for every integration test class that can share it, started by the first that asks:
 * starting the whole system (PostgreSQL, Kafka, the MongoDB-wire server and a JVM per service) is most of
 * what these tests cost. A test class declares {@code @ExtendWith(SharedStack.class)} and takes a
 * {@link Running} parameter. The stack stops with the test JVM (Spring's shutdown hook closes it).
 *
 * <p>It is the default stack a newcomer starts (one instance of each service, no demo consortium), on a
 * data directory of its own, with three settings the sharing classes need and no other notices: the services
 * run with the heap and JVM options they have in production ({@link #PRODUCTION_JVM_OPTIONS}, for the memory
 * test; like every test JVM, with the quick compiler only, {@link #withTestJvmOptions}), clients reach Kafka through the relay fault injection can pause, and the services export their
 * recorded spans to a {@link TraceCollector} of the test JVM's. It runs the services from copies
 * of their jars, so that a service killed by fault injection starts again from the jar it started from.
 *
 * <p>Classes that share it write under ids of their own and read only what they wrote, as they meet in any
 * order ({@code @Order(1)}); then come, in this order, the dashboard's test, which loads the demo consortium
 * and reads every institution's units ({@code @Order(2)}), the memory test, which sends the worst bodies
 * ({@code @Order(3)}), and fault injection, which kills and restarts parts of the stack ({@code @Order(4)}).
 * {@code junit-platform.properties} runs the classes in that order, one after another, so the stack starts
 * once. A class that needs another configuration (cluster mode) starts a stack of its own beside them.
 */
public final class SharedStack implements ParameterResolver {

    /**
     * The JVM options of survey-service and group-service in production: a heap of 70 % ({@code MaxRAMPercentage}
     * in the root pom's Jib configuration) of their 768 MiB container limit (deploy/kubernetes/base/services),
     * the image's other options, and the collector the JVM picks in a container that small.
     */
    public static final String PRODUCTION_JVM_OPTIONS = "-Xms64m -Xmx537m -Xss512k -XX:MaxMetaspaceSize=160m"
            + " -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC"
            + " -XX:+ExitOnOutOfMemoryError -Djdk.nio.maxCachedBufferSize=262144";

    private static Running running;
    /** Where the shared stack's services export their spans, for the test that follows a trace through it. */
    private static final TraceCollector TRACES = new TraceCollector();

    /** The running stack, as the tests use it. */
    public static final class Running {

        private final Path data;
        private ConfigurableApplicationContext context;

        private Running(Path data) {
            this.data = data;
            this.context = start(data);
        }

        public synchronized ConfigurableApplicationContext context() {
            return context;
        }

        public synchronized LocalStack stack() {
            return context.getBean(LocalStack.class);
        }

        /** The stack's data directory: its stores, API keys and every process's log under {@code logs/}. */
        public Path data() {
            return data;
        }

        /** The gateway's base URL, {@code http://localhost:port}. */
        public TraceCollector traces() {
            return TRACES;
        }

        public synchronized String baseUrl() {
            return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        }

        /** Stops the stack and starts it again on the same data directory, as a user restarting it would. */
        public synchronized void restart() {
            context.close();
            context = start(data);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return shared();
    }

    /** The shared stack, started now if it does not run. */
    public static Running shared() {
        synchronized (SharedStack.class) {
            if (running == null) {
                Path data;
                try {
                    data = Files.createTempDirectory("shared-stack-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                // After the stack's context has closed at exit (its processes stopped): the data directory holds
                // the stores and the jars' copies, 0.5-0.7 GB a run, which nothing else removes.
                SpringApplication.getShutdownHandlers().add(() -> {
                    try {
                        FileSystemUtils.deleteRecursively(data);
                    } catch (IOException e) {
                        System.err.println("could not remove " + data + ": " + e);
                    }
                });
                running = new Running(data);
            }
            return running;
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return start(data, jarCopies(data), "--local-stack.demo-data=false", "--local-stack.fault-injection=true",
                "--local-stack.service-jvm-options=" + PRODUCTION_JVM_OPTIONS,
                "--local-stack.traces-endpoint=" + TRACES.endpoint());
    }

    /**
     * Copies the services' jars from the checkout under {@code data/jars} (once) and returns the root a stack
     * runs them from: a build in the checkout may rewrite the jars while the stack runs.
     */
    public static Path jarCopies(Path data) {
        Path root = data.resolve("jars");
        try {
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                Path target = root.resolve("services").resolve(service.name()).resolve("target");
                Path jar = target.resolve(service.name() + ".jar");
                if (!Files.exists(jar)) {
                    Files.createDirectories(target);
                    Files.copy(checkout().resolve("services").resolve(service.name()).resolve("target")
                            .resolve(service.name() + ".jar"), jar);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** The checkout whose services' jars a stack runs, as the build names it. */
    public static Path checkout() {
        return Path.of(System.getProperty("local-stack.project-root", "."));
    }

    /**
     * Starts a stack of a test's own: on the data directory, every port a free one, the services' jars from
     * {@code projectRoot}, and the test's own {@code settings} ({@code --local-stack.instances=2}).
     */
    public static ConfigurableApplicationContext start(Path data, Path projectRoot, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--local-stack.data-directory=" + data,
                "--local-stack.project-root=" + projectRoot,
                "--local-stack.postgres-port=0",
                "--local-stack.kafka-port=0",
                "--local-stack.mongo-port=0",
                "--local-stack.service-ports=0"));
        arguments.addAll(withTestJvmOptions(settings));
        return new SpringApplicationBuilder(LocalStackApplication.class).run(arguments.toArray(String[]::new));
    }

    /**
     * The settings with the build's options for test JVMs ({@code test.jvm-options} in the root pom: the quick
     * compiler only) added to the service processes' own, the production ones or the stack's default: the
     * services of a test's stack live for a minute or two, and the second compiler's threads would take the
     * cores from them.
     */
    static List<String> withTestJvmOptions(String... settings) {
        String extra = System.getProperty("local-stack.test-jvm-options", "").trim();
        String key = "--local-stack.service-jvm-options=";
        List<String> result = new ArrayList<>();
        boolean given = false;
        for (String setting : settings) {
            if (setting.startsWith(key)) {
                given = true;
                result.add(extra.isEmpty() ? setting : setting + " " + extra);
            } else {
                result.add(setting);
            }
        }
        if (!given && !extra.isEmpty()) {
            result.add(key + LocalStackProperties.SERVICE_JVM_OPTIONS + " " + extra);
        }
        return result;
    }
}
