package org.balintobservatory.support.management;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.actuate.metrics.MetricsEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Metrics, Prometheus and info behind an ADMIN key ({@link ManagementEndpoints}), and a start-up check that
 * Actuator itself exposes nothing over HTTP but health: an endpoint Actuator served would bypass the access
 * rules, which see only this project's handlers.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnWebApplication
@ConditionalOnClass({PrometheusMeterRegistry.class, MetricsEndpoint.class})
public class ManagementAutoConfiguration {

    /** What Actuator may serve over HTTP without a key: status, liveness and readiness, never details. */
    static final Set<String> PUBLIC_ENDPOINTS = Set.of("health");

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    ManagementEndpoints managementEndpoints(ObjectProvider<PrometheusMeterRegistry> prometheus, MeterRegistry registry,
                                            ObjectProvider<InfoContributor> contributors) {
        return new ManagementEndpoints(prometheus, new MetricsEndpoint(registry),
                new InfoEndpoint(contributors.orderedStream().toList()));
    }

    @Bean
    SmartInitializingSingleton actuatorExposesOnlyHealth(ObjectProvider<WebEndpointsSupplier> suppliers) {
        return () -> {
            Set<String> exposed = new TreeSet<>();
            suppliers.orderedStream().forEach(supplier -> {
                for (ExposableWebEndpoint endpoint : supplier.getEndpoints()) {
                    exposed.add(endpoint.getEndpointId().toString());
                }
            });
            exposed.removeAll(PUBLIC_ENDPOINTS);
            if (!exposed.isEmpty()) {
                throw new IllegalStateException("Actuator exposes " + List.copyOf(exposed) + " over HTTP without a"
                        + " key; set management.endpoints.web.exposure.include=health. Metrics, prometheus and info"
                        + " are served behind an ADMIN key at the same paths.");
            }
        };
    }
}
