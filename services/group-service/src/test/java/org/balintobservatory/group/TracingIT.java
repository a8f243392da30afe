package org.balintobservatory.group;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One write followed by its trace id, from the HTTP request to the Kafka record: the request arrives with a sampled
 * {@code traceparent}, as from a school's own tracing, and the same trace goes on through the command, the stored
 * event's metadata and the publish span, whose context the record carries. The URL of the write names a school's
 * participant, which no span may take out of the service.
 */
class TracingIT extends GroupServiceTestSupport {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aWritesTraceGoesFromTheRequestThroughTheEventStoreOntoTheKafkaRecord() {
        String group = "traced-" + hex(4);
        String participant = "resident-" + hex(4);
        givenGroupWithMembers("traced-programme-" + group, group, 10);
        String traceId = hex(16);
        String callerSpan = hex(8);
        spans.watch(traceId);

        Response enrolled = send("PUT", "/api/v1/groups/" + group + "/members/" + participant,
                Map.of("enrolledOn", TODAY.minusDays(10).toString()), SCHOOL_KEY, "application/json",
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        assertThat(enrolled.status()).isEqualTo(200);

        List<? extends DomainEventMessage<?>> stored = eventStore.readEvents(aggregate(group)).asStream().toList();
        assertThat(stored.get(stored.size() - 1).getMetaData().get("traceparent")).asString().contains(traceId);

        ConsumerRecord<String, byte[]> record = awaitRecords(aggregate(group), 2).get(1);
        CloudEvent envelope = cloudEvent(record);
        assertThat(envelope.type()).isEqualTo("org.balintobservatory.participant-enrolled.v2");
        assertThat(envelope.traceId()).isEqualTo(traceId);
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                .isEqualTo(envelope.traceparent());

        List<SpanData> trace = awaitSpans(traceId, "http put /api/v1/groups/{groupId}/members/{participantId}",
                "command EnrolParticipantCommand", "publish balint.group-events.v1");
        SpanData request = only(trace, "SERVER");
        SpanData command = named(trace, "command EnrolParticipantCommand");
        SpanData publish = named(trace, "publish balint.group-events.v1");
        assertThat(request.getParentSpanId()).isEqualTo(callerSpan);
        assertThat(command.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(publish.getParentSpanId()).isEqualTo(command.getSpanId());
        assertThat(envelope.traceparent()).isEqualTo("00-" + traceId + "-" + publish.getSpanId() + "-01");

        assertThat(trace).allSatisfy(span -> assertThat(span.toString()).as("what a collector receives")
                .doesNotContain(participant).doesNotContain(pseudonym(participant)).doesNotContain(SCHOOL_KEY));
    }

    /** The trace's spans once those named have all been exported. */
    private List<SpanData> awaitSpans(String traceId, String... names) {
        await().atMost(Patience.scaled(Duration.ofSeconds(30))).pollInterval(Duration.ofMillis(100))
                .until(() -> spans.of(traceId).stream().map(SpanData::getName).toList().containsAll(List.of(names)));
        return spans.of(traceId);
    }

    private static SpanData only(List<SpanData> trace, String kind) {
        List<SpanData> ofKind = trace.stream().filter(s -> s.getKind().name().equals(kind)).toList();
        assertThat(ofKind).as(kind + " spans in " + trace).hasSize(1);
        return ofKind.get(0);
    }

    private static SpanData named(List<SpanData> trace, String name) {
        return trace.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + trace));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
