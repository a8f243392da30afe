package org.balintobservatory.support.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What leaves a service in a span: its name, times, kind, ids, links, the attributes named in {@link #ATTRIBUTES},
 * the names of its events with only the exception's type, and whether it failed, never why. Every span exporter of
 * a service sends through this one ({@link TracingAutoConfiguration}), so nothing a library records — the request
 * URL with a school's participant id in its path ({@code http.url}), a client's address, an exception message
 * naming a participant — reaches a collector.
 *
 * <p>An attribute not in the list is dropped, so one that a new library adds stays in the service until it is
 * added here, with where it comes from. Span names need no filter: Spring names a request's span by its route
 * template ({@code http put /api/v1/groups/{groupId}/members/{participantId}}), this project its spans by a
 * command type or a topic.
 */
public final class PrivateSpanExporter implements SpanExporter {

    /** Every attribute a span may carry out of the service, and where each comes from. */
    static final Set<String> ATTRIBUTES = Set.of(
            // Spring's HTTP server and client observations (the low-cardinality keys; http.url is left out).
            "method", "uri", "status", "outcome", "exception", "client.name",
            // Spring's scheduled-task observations.
            "code.function", "code.namespace",
            // This project's spans: CommandSpans, KafkaEventPublisher, the analytics event consumer.
            CommandSpans.COMMAND_TYPE,
            "messaging.system", "messaging.operation.type", "messaging.destination.name",
            "messaging.destination.partition.id", "messaging.kafka.offset", "messaging.consumer.group.name",
            "messaging.batch.message_count", "cloudevents.event_id", "cloudevents.event_type");
    /** The one attribute an exception event keeps: its class, not its message or stack trace. */
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

    private final SpanExporter delegate;

    public PrivateSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return delegate.export(spans.stream().map(PrivateSpanExporter::redact).toList());
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "PrivateSpanExporter{" + delegate + "}";
    }

    static SpanData redact(SpanData span) {
        return new Redacted(span);
    }

    private static final class Redacted extends DelegatingSpanData {

        private final Attributes attributes;
        private final List<EventData> events;
        private final List<LinkData> links;

        Redacted(SpanData span) {
            super(span);
            AttributesBuilder kept = Attributes.builder();
            span.getAttributes().forEach((key, value) -> {
                if (ATTRIBUTES.contains(key.getKey())) {
                    putUnchecked(kept, key, value);
                }
            });
            this.attributes = kept.build();
            this.events = span.getEvents().stream().map(event -> {
                String type = event.getAttributes().get(EXCEPTION_TYPE);
                return EventData.create(event.getEpochNanos(), event.getName(),
                        type == null ? Attributes.empty() : Attributes.of(EXCEPTION_TYPE, type));
            }).toList();
            this.links = span.getLinks().stream().map(link -> LinkData.create(link.getSpanContext())).toList();
        }

        @SuppressWarnings("unchecked")
        private static void putUnchecked(AttributesBuilder builder, AttributeKey<?> key, Object value) {
            builder.put((AttributeKey<Object>) key, value);
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public int getTotalAttributeCount() {
            return attributes.size();
        }

        @Override
        public List<EventData> getEvents() {
            return events;
        }

        @Override
        public int getTotalRecordedEvents() {
            return events.size();
        }

        @Override
        public List<LinkData> getLinks() {
            return links;
        }

        @Override
        public int getTotalRecordedLinks() {
            return links.size();
        }

        @Override
        public StatusData getStatus() {
            return StatusData.create(super.getStatus().getStatusCode(), "");
        }
    }
}
