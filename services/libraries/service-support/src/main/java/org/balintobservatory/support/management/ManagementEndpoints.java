package org.balintobservatory.support.management;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.actuate.metrics.MetricsEndpoint;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Metrics, the Prometheus scrape and build information, for an ADMIN key only. They name classes, hosts
 * and versions, so they are not for anyone who reaches the port. Spring Boot Actuator exposes only health
 * over HTTP ({@link ManagementAutoConfiguration} refuses to start otherwise); these are the same answers
 * at the same paths, served as ordinary handlers so that the one access rule of every handler applies.
 */
@RestController
public class ManagementEndpoints {

    /** The Prometheus text format, version 0.0.4, which every scraper reads. */
    static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

    private final ObjectProvider<PrometheusMeterRegistry> prometheus;
    private final MetricsEndpoint metrics;
    private final InfoEndpoint info;

    /** @param prometheus the registry, absent where Prometheus export is switched off (as in tests) */
    public ManagementEndpoints(ObjectProvider<PrometheusMeterRegistry> prometheus, MetricsEndpoint metrics,
                               InfoEndpoint info) {
        this.prometheus = prometheus;
        this.metrics = metrics;
        this.info = info;
    }

    @Allowed(Role.ADMIN)
    @GetMapping("/actuator/prometheus")
    ResponseEntity<String> prometheus() {
        PrometheusMeterRegistry registry = prometheus.getIfAvailable();
        if (registry == null) {
            throw new NotFoundException("Prometheus export is switched off in this service");
        }
        return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(registry.scrape());
    }

    @Allowed(Role.ADMIN)
    @GetMapping("/actuator/metrics")
    MetricsEndpoint.MetricNamesDescriptor metricNames() {
        return metrics.listNames();
    }

    @Allowed(Role.ADMIN)
    @GetMapping("/actuator/metrics/{name}")
    MetricsEndpoint.MetricDescriptor metric(@PathVariable String name,
                                            @RequestParam(required = false) List<String> tag) {
        if (tag != null && tag.stream().anyMatch(t -> t.indexOf(':') < 0)) {
            // Actuator's own check of the same rule throws an exception this service would answer with 500.
            throw new InvalidRequestException(List.of(new FieldError("tag", "key-value",
                    "each tag is key:value, such as tag=uri:/api/v1/groups")));
        }
        MetricsEndpoint.MetricDescriptor metric = metrics.metric(name, tag);
        if (metric == null) {
            throw new NotFoundException("no metric is named " + name);
        }
        return metric;
    }

    @Allowed(Role.ADMIN)
    @GetMapping("/actuator/info")
    Map<String, Object> info() {
        return info.info();
    }
}
