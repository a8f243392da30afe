package org.balintobservatory.analytics.it;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.tracing.RecordedSpans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record published in a write's trace is applied to the read models in a span of that trace: the child of the
 * span that published it, as the group and survey services' publisher names it in the CloudEvent's
 * {@code traceparent}.
 */
class ProjectionTracingIT extends AnalyticsIntegrationTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    RecordedSpans spans;

    @Test
    void aTracedRecordIsAppliedInASpanOfItsWritesTrace() {
        String traceId = hex(16);
        String publishSpan = hex(8);
        spans.watch(traceId);
        ConsumedEvent registered = new EventStream(SCHOOL).programme("traced-" + hex(4), Arm.INTERVENTION)
                .drain().get(0);
        ConsumedEvent traced = new ConsumedEvent(registered.id(), registered.aggregateId(), registered.sequence(),
                registered.time(), registered.payload(), "00-" + traceId + "-" + publishSpan + "-01");

        publish(List.of(traced));

        await().atMost(Patience.scaled(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(100))
                .until(() -> !spans.of(traceId).isEmpty());
        SpanData process = spans.of(traceId).get(0);
        assertThat(process.getName()).isEqualTo("process balint.group-events.v1");
        assertThat(process.getKind().name()).isEqualTo("CONSUMER");
        assertThat(process.getParentSpanId()).isEqualTo(publishSpan);
        assertThat(process.getAttributes().get(AttributeKey.stringKey("cloudevents.event_id")))
                .isEqualTo(registered.id());
        assertThat(process.getAttributes().get(AttributeKey.stringKey("cloudevents.event_type")))
                .isEqualTo("org.balintobservatory.programme-registered.v1");
        assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.consumer.group.name")))
                .startsWith("analytics-it-g");
        assertThat(process.getStatus().getStatusCode().name()).isEqualTo("UNSET");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
