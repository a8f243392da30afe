package org.balintobservatory.contract;

import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.cloudevents.MalformedCloudEventException;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void eventTypesAreUniqueAndNamedAfterTheirRevision() {
        assertThat(EventCatalogue.ALL).extracting(EventType::cloudEventType).doesNotHaveDuplicates()
                .allMatch(t -> t.matches("org\\.balintobservatory\\.[a-z-]+\\.v\\d+"));
        assertThat(EventCatalogue.ALL).extracting(EventType::payload).doesNotHaveDuplicates();
    }

    @Test
    void aWrappedEventReadsBackAsTheSameRecord() {
        var event = new AttendanceRecordedEvent("inst-a", "g-1", "s-1", LocalDate.of(2026, 2, 1), "px-kcobmgdhfaljpeinkcgbadmhfpoliejn",
                AttendanceStatus.EXCUSED);
        CloudEvent envelope = codec.wrap("e-1", "/test", "inst-a/g-1", Instant.parse("2026-02-01T10:00:00Z"), 3L, event);

        CloudEvent read = codec.decode(codec.encode(envelope));

        assertThat(read.type()).isEqualTo("org.balintobservatory.attendance-recorded.v2");
        assertThat(read.subject()).isEqualTo("inst-a/g-1");
        assertThat(codec.payload(read)).contains(event);
    }

    @Test
    void anUnknownEventTypeIsSkippedNotFailed() {
        String json = """
                {"specversion":"1.0","id":"x","source":"/other","type":"org.example.thing.v1","data":{}}""";
        assertThat(codec.payload(codec.decode(json.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void aTraceparentIsReadBackAsWritten() {
        var event = new AttendanceRecordedEvent("inst-a", "g-1", "s-1", LocalDate.of(2026, 2, 1), "px-kcobmgdhfaljpeinkcgbadmhfpoliejn",
                AttendanceStatus.PRESENT);
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        CloudEvent envelope = codec.wrap("e-2", "/test", "inst-a/g-1", Instant.parse("2026-02-01T10:00:00Z"), 4L, event)
                .withTraceparent(traceparent);

        CloudEvent read = codec.decode(codec.encode(envelope));

        assertThat(read.traceparent()).isEqualTo(traceparent);
        assertThat(read.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(codec.payload(read)).contains(event);
    }

    /** A consumer ignores a traceparent it cannot read, as W3C Trace Context asks, and still reads the event. */
    @Test
    void aMalformedTraceparentLeavesTheEventReadable() {
        String json = """
                {"specversion":"1.0","id":"x","source":"/other","type":"org.example.thing.v1",
                 "traceparent":"00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331","data":{}}""";

        CloudEvent read = codec.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(read.id()).isEqualTo("x");
        assertThat(read.traceId()).isNull();
    }

    @Test
    void bytesThatAreNotACloudEventAreRejected() {
        assertThatThrownBy(() -> codec.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedCloudEventException.class);
        assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedCloudEventException.class);
    }

    @Test
    void aPayloadOutsideTheContractCannotBeWrapped() {
        assertThatThrownBy(() -> codec.wrap("e", "/s", "x", Instant.EPOCH, 0L, "just a string"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
