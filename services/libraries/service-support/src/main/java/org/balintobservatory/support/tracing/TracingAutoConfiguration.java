package org.balintobservatory.support.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.tracing.SpanExporters;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Traces in every service: the {@link MessageTracing} that carries a trace context through messages, and the
 * privacy rule for what a span may take out of the service ({@link PrivateSpanExporter}), put in front of every
 * span exporter Spring Boot finds (the OTLP exporter when {@code management.otlp.tracing.endpoint} and
 * {@code management.otlp.tracing.export.enabled} are set; a test's in-memory one).
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration")
public class TracingAutoConfiguration {

    @Bean
    MessageTracing messageTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new MessageTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({SpanExporters.class, SpanExporter.class})
    static class PrivateExport {

        @Bean
        SpanExporters spanExporters(ObjectProvider<SpanExporter> exporters) {
            return SpanExporters.of(exporters.orderedStream().map(PrivateSpanExporter::new).toList());
        }
    }
}
