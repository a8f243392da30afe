package org.balintobservatory.localstack;

import org.balintobservatory.demo.BatchLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The running stack: infrastructure first, then the services, stopped in reverse order. Its health is
 * UP only when every service reports UP.
 */
@Component
public class LocalStack implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalInfrastructure infrastructure;
    private final ApiKeys keys;
    private final ServiceProcesses services;
    private final Environment environment;
    private final LocalStackProperties props;
    private final Path data;
    private final DemoData demo;
    private final CompletableFuture<BatchLoader.Result> demoLoad = new CompletableFuture<>();
    private volatile boolean stopping;
    private final IdleMemory idleMemory;

    public LocalStack(LocalStackProperties props, Environment environment) throws java.io.IOException {
        this.environment = environment;
        this.props = props;
        this.data = props.persistent() ? props.dataPath() : Files.createTempDirectory("local-stack-");
        this.demo = new DemoData(props.demoSeed());
        this.infrastructure = new LocalInfrastructure(props);
        this.keys = ApiKeys.loadOrCreate(data.resolve("api-keys.properties"), demo.institutions(),
                System.getenv("BALINT_ADMIN_KEY"));
        try {
            this.services = new ServiceProcesses(props, infrastructure, keys, this.data.resolve("logs"));
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        this.idleMemory = new IdleMemory(services).start();
    }

    /** The processes of the services: each instance's base URL, process, and ways to kill and start it. */
    public ServiceProcesses services() {
        return services;
    }

    /** Each instance's own base URL (bypassing the gateway), by service name, first instance first. */
    public Map<String, List<URI>> instanceUrls() {
        Map<String, List<URI>> urls = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            urls.put(service.name(), services.instances(service).stream().map(ServiceInstance::baseUri).toList());
        }
        return urls;
    }

    public ApiKeys keys() {
        return keys;
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    /**
     * UP when every instance of every service is UP; otherwise DOWN, naming each instance's state (an instance
     * that died is EXITED until the launcher has started it again, see {@link ServiceProcesses}).
     */
    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (ServiceInstance instance : services.all()) {
            ServiceInstance.State state = instance.state();
            health.withDetail(instance.name(), instance.restarts() == 0 ? state.name()
                    : state + " (started again " + instance.restarts() + " times)");
            if (state != ServiceInstance.State.UP) {
                health.down();
            }
        }
        return health.build();
    }

    /**
     * Cuts a data release of everything loaded so far, once the analytics service has read it: what an
     * administrator does after a load, so that researchers see the data.
     *
     * @return the release, as the analytics service describes it
     */
    public com.fasterxml.jackson.databind.JsonNode cutRelease() throws InterruptedException {
        String port = environment.getProperty("local.server.port", "8080");
        com.fasterxml.jackson.databind.JsonNode release = Releases.cutWhenCaughtUp(URI.create("http://localhost:" + port),
                keys.admin(), keys.school(), infrastructure.kafkaBootstrap(), Duration.ofMinutes(2));
        log.info("data release {} cut: researchers see the data up to {}", release.path("name").asText(),
                release.path("logPosition"));
        return release;
    }

    /**
     * Loads the demo consortium and cuts a data release, as a first start with demo data does; a stack started
     * without demo data loads it here when asked.
     */
    public BatchLoader.Result loadDemo() throws InterruptedException {
        String port = environment.getProperty("local.server.port", "8080");
        BatchLoader.Result loaded = demo.load(URI.create("http://localhost:" + port), keys, data);
        cutRelease();
        return loaded;
    }

    /** Completes when the demo consortium is loaded and released (at once when there is nothing to load). */
    public CompletableFuture<BatchLoader.Result> demoLoad() {
        return demoLoad;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", "8080");
        if (props.demoData() && !DemoData.loaded(data)) {
            Thread loader = new Thread(() -> {
                try {
                    demoLoad.complete(loadDemo());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    demoLoad.completeExceptionally(e);
                } catch (RuntimeException e) {
                    demoLoad.completeExceptionally(e);
                    if (stopping) {
                        log.info("the demo consortium's load stopped with the stack; the next start completes it");
                        return;
                    }
                    log.error("loading the demo consortium failed", e);
                }
                banner(port);
            }, "demo-data-loader");
            loader.setDaemon(true);
            log.info("the stack answers at http://localhost:{}; the demo consortium loads first, then the keys "
                    + "are shown", port);
            loader.start();
        } else {
            demoLoad.complete(null);
            banner(port);
        }
    }

    /** What a user needs, once the stack is ready and the demo loaded; from then on only warnings and errors. */
    private void banner(String port) {
        if (keys.generated()) {
            log.info("""

                    ==============================================================
                     Balint Observatory is running at http://localhost:{}
                       health:  http://localhost:{}/actuator/health
                       dashboard: http://localhost:{}/
                     API keys, generated now and printed this once:
                       researcher:  {}
                       admin:       {}
                       school '{}':  {}
                       (every key, the demo institutions' too: {})
                     Stop with Ctrl-C; data is kept in {}
                    ==============================================================""",
                    port, port, port, keys.researcher(), keys.admin(), ApiKeys.DEMO_INSTITUTION, keys.school(),
                    data.resolve("api-keys.properties"), data);
        } else {
            log.info("""

                    ==============================================================
                     Balint Observatory is running at http://localhost:{}
                       health:  http://localhost:{}/actuator/health
                       dashboard: http://localhost:{}/
                     API keys: printed on the first start, kept in
                       {}
                       (the researcher's: grep researcher= that file)
                     Stop with Ctrl-C; data is kept in {}
                     (delete that directory, stack stopped, to start afresh
                      with new keys and the demo consortium)
                    ==============================================================""",
                    port, port, port, data.resolve("api-keys.properties"), data);
        }
    }

    @Override
    public void destroy() {
        stopping = true;
        idleMemory.close();
        services.close();
        infrastructure.close();
    }
}
