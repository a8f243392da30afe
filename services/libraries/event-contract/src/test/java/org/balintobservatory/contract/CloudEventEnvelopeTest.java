package org.balintobservatory.contract;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * What the CloudEvents SDK's JSON format writes and accepts, where the golden events do not show it: the codec
 * writes what an event has and nothing more, and reads as tolerantly and as strictly as the contract asks.
 */
class CloudEventEnvelopeTest {

    private static final AttendanceRecordedEvent EVENT = new AttendanceRecordedEvent("inst-a", "g-1", "s-1",
            LocalDate.of(2026, 2, 1), "px-kcobmgdhfaljpeinkcgbadmhfpoliejn", AttendanceStatus.PRESENT);
    private static final String TYPE = "org.balintobservatory.attendance-recorded.v2";

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void dataIsWrittenInlineAndAnAbsentAttributeIsNotWrittenAtAll() throws Exception {
        CloudEvent event = codec.wrap("e-1", "/test", null, Instant.parse("2026-02-01T10:00:00Z"), null, EVENT);

        JsonNode json = codec.mapper().readTree(codec.encode(event));

        assertThat(json.get("data").isObject()).isTrue();
        assertThat(json.get("time").textValue()).isEqualTo("2026-02-01T10:00:00Z");
        assertThat(json.get("datacontenttype").textValue()).isEqualTo("application/json");
        assertThat(json.has("data_base64")).isFalse();
        assertThat(json.has("subject")).isFalse();
        assertThat(json.has("sequence")).isFalse();
        assertThat(json.has(CloudEvent.TRACEPARENT)).isFalse();
        assertThat(codec.mapper().readTree(codec.encode(codec.wrap("e-1", "/test", null, null, 7L, EVENT)))
                .get("sequence").isInt()).isTrue();
    }

    /** A fraction of a second is written as ISO-8601 prints it, without trailing zeros; the instant is the same. */
    @Test
    void aTimeWithAFractionOfASecondReadsBackAsTheSameInstant() throws Exception {
        Instant time = Instant.parse("2026-02-01T10:00:00.120Z");
        CloudEvent event = codec.wrap("e-1", "/test", "inst-a/g-1", time, 3L, EVENT);

        assertThat(codec.mapper().readTree(codec.encode(event)).get("time").textValue())
                .isEqualTo("2026-02-01T10:00:00.12Z");
        assertThat(codec.decode(codec.encode(event)).time()).isEqualTo(time);
    }

    @Test
    void anAttributeTheContractDoesNotKnowIsPassedOverWhateverItsName() {
        CloudEvent read = decode("""
                {"specversion":"1.0","id":"x","source":"/other","type":"%s","subject":"inst-a/g-1",
                 "partitionKey":"inst-a","comexampletenant":"t-1","nested":{"a":1},"flag":true,
                 "data":%s}""".formatted(TYPE, data()));

        assertThat(codec.payload(read)).contains(EVENT);
    }

    @Test
    void anEnvelopeWithoutDatacontenttypeReadsAsItWasSent() throws Exception {
        CloudEvent read = decode("""
                {"specversion":"1.0","id":"x","source":"/other","type":"%s","data":%s}""".formatted(TYPE, data()));

        assertThat(read.datacontenttype()).isNull();
        assertThat(codec.payload(read)).contains(EVENT);
        assertThat(codec.mapper().readTree(codec.encode(read)).has("datacontenttype")).isFalse();
    }

    /** The CloudEvents sequence extension is a string; a producer that follows it to the letter is read too. */
    @Test
    void aSequenceSentAsDigitsReadsAsItsNumber() {
        CloudEvent read = decode("""
                {"specversion":"1.0","id":"x","source":"/other","type":"%s","sequence":"12","data":{}}"""
                .formatted(TYPE));

        assertThat(read.sequence()).isEqualTo(12L);
    }

    /** A CloudEvents Integer has 32 bits; the JSON format writes no other number as one. */
    @Test
    void aSequenceBeyondThirtyTwoBitsIsNeitherWrittenNorRead() {
        assertThatThrownBy(() -> codec.wrap("e", "/s", "x", Instant.EPOCH, 1L << 31, EVENT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decode("""
                {"specversion":"1.0","id":"x","source":"/other","type":"%s","sequence":2147483648,"data":{}}"""
                .formatted(TYPE))).isInstanceOf(MalformedCloudEventException.class);
    }

    @Test
    void anotherSpecVersionAnEnvelopeThatIsNoObjectOrASequenceThatIsNoNumberIsRefused() {
        for (String json : new String[]{
                "{\"specversion\":\"0.3\",\"id\":\"x\",\"source\":\"/other\",\"type\":\"t\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/other\",\"type\":\"t\",\"sequence\":\"x\"}",
                "{\"specversion\":\"1.0\",\"source\":\"/other\",\"type\":\"t\"}",
                "null", "[1]", ""}) {
            assertThatThrownBy(() -> decode(json)).as(json).isInstanceOf(MalformedCloudEventException.class);
        }
        assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(MalformedCloudEventException.class);
    }

    private CloudEvent decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private String data() {
        return codec.mapper().valueToTree(EVENT).toString();
    }
}
