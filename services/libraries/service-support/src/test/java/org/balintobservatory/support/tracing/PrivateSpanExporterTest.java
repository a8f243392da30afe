package org.balintobservatory.support.tracing;

import io.micrometer.tracing.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.balintobservatory.support.domain.NotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateSpanExporterTest {

    private static final String PARTICIPANT = "resident-0042";

    private final TracingFixture otel = new TracingFixture();

    /** As Spring's server observation tags a request whose path names a school's participant, and it fails. */
    @Test
    void aSpanLeavesWithoutTheRequestUrlTheExceptionMessageOrAnyUnlistedAttribute() {
        Span span = otel.tracing().tracer().nextSpan()
                .name("http put /api/v1/groups/{groupId}/members/{participantId}")
                .tag("method", "PUT")
                .tag("uri", "/api/v1/groups/{groupId}/members/{participantId}")
                .tag("status", "404")
                .tag("exception", "NotFoundException")
                .tag("http.url", "/api/v1/groups/g-tuesday/members/" + PARTICIPANT)
                .tag("participant", PARTICIPANT)
                .remoteIpAndPort("192.0.2.7", 52114)
                .start();
        span.error(new NotFoundException("no participant " + PARTICIPANT + " in the read models yet"));
        span.end();

        SpanData exported = otel.exported("http put /api/v1/groups/{groupId}/members/{participantId}");

        assertThat(exported.getAttributes().asMap()).extracting(map -> map.keySet().stream()
                .map(key -> key.getKey()).sorted().toList())
                .isEqualTo(java.util.List.of("exception", "method", "status", "uri"));
        assertThat(exported.getStatus().getStatusCode()).hasToString("ERROR");
        assertThat(exported.getStatus().getDescription()).isEmpty();
        assertThat(exported.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().asMap().values()).map(String::valueOf)
                    .containsExactly(NotFoundException.class.getName());
        });
        assertThat(exported.toString()).doesNotContain(PARTICIPANT).doesNotContain("192.0.2.7");
    }

    @Test
    void theAttributesOfThisProjectsSpansAreKept() {
        otel.tracing().tracer().nextSpan().name("publish balint.group-events.v1")
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", "balint.group-events.v1")
                .tag("cloudevents.event_type", "org.balintobservatory.session-held.v1")
                .tag(CommandSpans.COMMAND_TYPE, "RecordSessionCommand")
                .start().end();

        assertThat(otel.exported("publish balint.group-events.v1").getAttributes().size()).isEqualTo(4);
    }
}
