package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One request's trace followed through the whole stack, as an operator's collector receives it: a school records
 * a session at the gateway with a sampled {@code traceparent} (as from the school's own tracing); the group
 * service's export of that trace holds the request's command and the publishing of its event, and the analytics
 * service's export holds the projection's processing of the Kafka record, in the same trace, once the read model
 * counts the session. The participants the session names appear in no export.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class TraceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSessionsTraceGoesFromTheGatewayThroughTheEventToTheReadModel(SharedStack.Running stack) throws Exception {
        String base = stack.baseUrl();
        String key = stack.stack().keys().school();
        String suffix = hex(4);
        String programme = "traced-" + suffix;
        String group = "traced-g-" + suffix;
        List<String> members = List.of("traced-a-" + suffix, "traced-b-" + suffix);
        send("POST", base + "/api/v1/programmes", key, """
                {"programmeId":"%s","name":"Traced programme","participantType":"RESIDENT",
                 "arm":"INTERVENTION","country":"FR","startsOn":"2026-01-05"}""".formatted(programme), null, 201);
        send("POST", base + "/api/v1/groups", key, """
                {"groupId":"%s","programmeId":"%s","formedOn":"2026-01-05",
                 "design":{"plannedSize":8,"meetingFrequency":"WEEKLY","sessionMinutes":90,"format":"IN_PERSON",
                           "facilitation":{"style":"CLASSIC_BALINT","leaders":1,
                                           "leaderBackgrounds":["GP"],"accreditedLeader":true}}}"""
                .formatted(group, programme), null, 201);
        for (String member : members) {
            send("PUT", base + "/api/v1/groups/" + group + "/members/" + member, key,
                    "{\"enrolledOn\":\"2026-01-05\"}", null, 200);
        }

        String traceId = hex(16);
        stack.traces().watch(traceId);
        send("POST", base + "/api/v1/groups/" + group + "/sessions", key, """
                {"sessionId":"s-1","heldOn":"2026-01-12","durationMinutes":90,"format":"IN_PERSON","leadersPresent":1,
                 "attendance":[{"participantId":"%s","status":"PRESENT"},{"participantId":"%s","status":"PRESENT"}]}"""
                .formatted(members.get(0), members.get(1)), "00-" + traceId + "-" + hex(8) + "-01", 201);

        await().atMost(Patience.scaled(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(JSON.readTree(send("GET", base + "/api/v1/analytics/groups/" + group, key, null, null, 200))
                        .path("present").asInt()).isEqualTo(2));
        // Each service exports what it recorded in batches, a few seconds apart.
        await().atMost(Patience.scaled(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<TraceCollector.Export> exports = stack.traces().exportsOf(traceId);
            // The command's span ends when the event is stored, the publish span when Kafka took the record: each
            // export sends what ended in the last few seconds, so the two may arrive in different exports.
            List<TraceCollector.Export> groupService = exports.stream()
                    .filter(export -> export.mentions("group-service")).toList();
            assertThat(groupService).as("the group service's exports of the trace")
                    .anySatisfy(export -> assertThat(export.mentions("command RecordSessionCommand")).isTrue())
                    .anySatisfy(export -> assertThat(export.mentions("publish balint.group-events.v1")).isTrue());
            assertThat(exports).as("the analytics service's export of the trace").anySatisfy(export -> {
                assertThat(export.mentions("analytics-service")).isTrue();
                assertThat(export.mentions("process balint.group-events.v1")).isTrue();
            });
        });
        assertThat(stack.traces().exportsOf(traceId)).allSatisfy(export -> members.forEach(member ->
                assertThat(export.mentions(member)).as("a participant's id in what the collector receives").isFalse()));
    }

    private String send(String method, String url, String key, String body, String traceparent, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isEqualTo(expected);
        return response.body();
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
