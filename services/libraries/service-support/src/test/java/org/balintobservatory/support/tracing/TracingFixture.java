package org.balintobservatory.support.tracing;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import java.util.List;

/**
 * Micrometer Tracing on the OpenTelemetry SDK as Spring Boot sets it up (W3C propagation, every span sampled),
 * without Spring: each span is exported as it ends, through {@link PrivateSpanExporter}, into memory.
 */
public final class TracingFixture {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final MessageTracing tracing;

    public TracingFixture() {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new PrivateSpanExporter(exported)))
                .build();
        io.opentelemetry.api.trace.Tracer otel = provider.get("test");
        OtelTracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
        OtelPropagator propagator = new OtelPropagator(
                ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
        this.tracing = new MessageTracing(tracer, propagator);
    }

    public MessageTracing tracing() {
        return tracing;
    }

    /** The spans ended so far, as a collector would receive them. */
    public List<SpanData> exported() {
        return exported.getFinishedSpanItems();
    }

    public SpanData exported(String name) {
        return exported().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported()));
    }
}
