package org.balintobservatory.localstack;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the local stack runs.
 *
 * @param dataDirectory   where PostgreSQL, Kafka and MongoDB keep their data across restarts
 * @param persistent      false for a throw-away stack (tests): temporary directories and free ports
 * @param projectRoot     the checkout, where the services' jars are built
 * @param postgresPort    fixed ports of a persistent stack, so tools can connect (0: any free port)
 * @param kafkaPort       ditto
 * @param mongoPort       ditto
 * @param servicePorts    first port of the services, group, survey, analytics and access in order (0: each binds a port the system picks);
 *                        further instances follow: with 8081, the second instances listen on 8085 to 8088
 * @param instances       how many processes of every service run side by side (cluster mode above 1), the
 *                        gateway balancing between them
 * @param startupTimeout  how long a service may take to report UP on an idle machine: the launcher waits longer
 *                        while the machine is loaded and as long as the service's log grows, up to ten times this
 * @param serviceJvmOptions JVM options of each service process
 * @param demoData        load the demo consortium on the first start of a data directory
 * @param demoSeed        the demo consortium's seed: the same seed, the same consortium
 * @param faultInjection  clients reach the embedded Kafka broker through a relay that fault injection can
 *                        pause ({@link LocalInfrastructure#kafkaProxy()}); off by default, as it costs a copy
 *                        of every byte
 * @param tracesEndpoint  an OTLP/HTTP traces URL (a collector's {@code …/v1/traces}) the services export their
 *                        recorded spans to; empty, the default, exports nothing (docs/operations.md#traces)
 */
@ConfigurationProperties("local-stack")
public record LocalStackProperties(
        @DefaultValue(".local-data") String dataDirectory,
        @DefaultValue("true") boolean persistent,
        @DefaultValue(".") String projectRoot,
        @DefaultValue("54320") int postgresPort,
        @DefaultValue("9092") int kafkaPort,
        @DefaultValue("27017") int mongoPort,
        @DefaultValue("8081") int servicePorts,
        @DefaultValue("1") int instances,
        @DefaultValue("120s") Duration startupTimeout,
        @DefaultValue(SERVICE_JVM_OPTIONS) String serviceJvmOptions,
        @DefaultValue("true") boolean demoData,
        @DefaultValue("42") long demoSeed,
        @DefaultValue("false") boolean faultInjection,
        @DefaultValue("") String tracesEndpoint) {

    /**
     * Each service's JVM, sized so that four of them, the stack's own JVM and PostgreSQL stay within 3 GiB
     * under load (docs/architecture.md#memory): a heap that starts small and gives memory back after a full
     * collection in one step (the local stack asks for one, shrinking the heap to 30 % free, when it goes idle:
     * {@link IdleMemory}), bounded metaspace, code cache, thread stacks and direct buffers, the serial collector (no
     * collector threads or remembered sets to pay for on two cores) and both compilers: the optimising one
     * costs some code cache and compiler memory, and compiles the projection's and the batch endpoints' hot
     * paths, where the stack spends its time under load.
     * {@code jdk.nio.maxCachedBufferSize} stops the JDK from keeping, per thread, a direct buffer as large as
     * the largest socket write that thread made.
     */
    public static final String SERVICE_JVM_OPTIONS = "-Xms64m -Xmx384m -Xss512k -XX:MaxMetaspaceSize=160m"
            + " -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC"
            + " -XX:-ShrinkHeapInSteps -Djdk.nio.maxCachedBufferSize=262144";

    // Strings rather than Paths: Spring would resolve a relative Path against the servlet context.
    public Path dataPath() {
        return Path.of(dataDirectory).toAbsolutePath().normalize();
    }

    public Path projectPath() {
        return Path.of(projectRoot).toAbsolutePath().normalize();
    }
}
