package org.balintobservatory.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTracingTest {

    private final TracingFixture otel = new TracingFixture();
    private final MessageTracing tracing = otel.tracing();
    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void aCloudEventWrittenUnderASpanCarriesItsTraceparentAndReadsBackIntoTheSameTrace() {
        Tracer tracer = tracing.tracer();
        Span write = tracer.nextSpan().name("write").start();
        CloudEvent written;
        try (Tracer.SpanInScope scope = tracer.withSpan(write)) {
            written = event().withTraceparent(tracing.currentTraceparent());
        } finally {
            write.end();
        }

        CloudEvent read = codec.decode(codec.encode(written));
        Span applied = tracing.continuing(read.traceparent()).orElseThrow().name("apply").start();
        applied.end();

        assertThat(read.traceparent())
                .isEqualTo("00-" + write.context().traceId() + "-" + write.context().spanId() + "-01");
        assertThat(read.traceId()).isEqualTo(write.context().traceId());
        assertThat(applied.context().traceId()).isEqualTo(write.context().traceId());
        assertThat(otel.exported("apply").getParentSpanId()).isEqualTo(write.context().spanId());
    }

    @Test
    void withoutACurrentSpanAnEventCarriesNoTraceparent() {
        CloudEvent written = event().withTraceparent(tracing.currentTraceparent());

        assertThat(codec.decode(codec.encode(written)).traceparent()).isNull();
        assertThat(new String(codec.encode(written))).doesNotContain("traceparent");
    }

    /** W3C Trace Context, section 3.2: an id of all zeros, the version ff or a wrong shape names no trace. */
    @Test
    void aTraceparentThatNamesNoTraceContinuesNothing() {
        assertThat(tracing.continuing(null)).isEmpty();
        assertThat(tracing.continuing("00-00000000000000000000000000000000-b7ad6b7169203331-01")).isEmpty();
        assertThat(tracing.continuing("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")).isEmpty();
        assertThat(tracing.continuing("ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isEmpty();
        assertThat(tracing.continuing("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")).isEmpty();
        assertThat(tracing.continuing("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isPresent();
    }

    @Test
    void withTracingSwitchedOffNothingIsCarriedOrContinued() {
        MessageTracing off = MessageTracing.none();
        Span span = off.tracer().nextSpan().start();

        assertThat(off.traceparent(span)).isNull();
        assertThat(off.currentTraceparent()).isNull();
        assertThat(off.continuing("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isEmpty();
    }

    private CloudEvent event() {
        return codec.wrap("3f0c7a52-1d2e-4c1a-9a51-5b7f7e0c0004", "/balint-observatory/group-service",
                "uni-lyon/g-tuesday", Instant.parse("2026-03-04T18:30:00Z"), 9L,
                new SessionHeldEvent("uni-lyon", "g-tuesday", "s-2026-03-03", LocalDate.of(2026, 3, 3), 90,
                        SessionFormat.IN_PERSON, 2, 8, 1));
    }
}
