package org.balintobservatory.support.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A span exporter for a service's integration tests: keeps the spans of the traces a test watches, as a collector
 * would receive them (Spring Boot puts {@link PrivateSpanExporter} in front of it like any other), and drops the
 * rest, so a long test run holds only what its tracing tests look at. Import it into the test's context; tests
 * see spans once Boot's batch processor has exported them ({@code management.tracing.opentelemetry.export.schedule-delay}).
 */
public class RecordedSpans implements SpanExporter {

    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final List<SpanData> spans = new CopyOnWriteArrayList<>();

    /** Keeps the spans of this trace from now on. */
    public void watch(String traceId) {
        watched.add(traceId);
    }

    /** The spans of a watched trace exported so far, in the order they ended. */
    public List<SpanData> of(String traceId) {
        return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> exported) {
        exported.stream().filter(span -> watched.contains(span.getTraceId())).forEach(spans::add);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
