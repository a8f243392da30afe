package org.balintobservatory.localstack;

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
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Environment environment;

    public LocalStack(LocalStackProperties props, Environment environment) throws java.io.IOException {
        this.environment = environment;
        Path data = props.persistent() ? props.dataPath()
                : Files.createTempDirectory("local-stack-");
        this.infrastructure = new LocalInfrastructure(props);
        this.keys = ApiKeys.loadOrCreate(data.resolve("api-keys.properties"));
        try {
            this.services = new ServiceProcesses(props, infrastructure, keys, data.resolve("logs"));
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    /** The service that serves a path, with its base URI. */
    Optional<Map.Entry<ServiceDefinition, URI>> route(String path) {
        return services.baseUris().entrySet().stream().filter(e -> e.getKey().serves(path)).findFirst();
    }

    public ApiKeys keys() {
        return keys;
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        services.baseUris().forEach((service, uri) -> {
            boolean up = ServiceProcesses.isUp(http, uri);
            health.withDetail(service.name(), up ? "UP" : "DOWN");
            if (!up) {
                health.down();
            }
        });
        return health.build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", "8080");
        log.info("""

                ==============================================================
                 Balint Observatory is running at http://localhost:{}
                   health:  http://localhost:{}/actuator/health
                   school API key (institution '{}'):  {}
                   researcher API key:                         {}
                   admin API key:                              {}
                 Stop with Ctrl-C; data is kept in .local-data/
                ==============================================================""",
                port, port, ApiKeys.DEMO_INSTITUTION, keys.school(), keys.researcher(), keys.admin());
    }

    @Override
    public void destroy() {
        services.close();
        infrastructure.close();
    }
}
