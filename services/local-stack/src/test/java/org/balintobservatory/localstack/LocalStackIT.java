package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end, through every real part: a school records a session with attendance
 * at the gateway → group-service aggregate → PostgreSQL event store → Kafka CloudEvent → analytics
 * projection in MongoDB → the analytics API counts the attendance. An administrator registers an
 * institution and issues it a key at the access service, which every service accepts at once and refuses
 * once revoked. Then the stack is stopped and started again on the same data directory, and everything is
 * still there, the revocation included. The stack is the one the other tests share ({@link SharedStack}):
 * what this test writes is under ids of its own, and the restart is one every later test meets.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSessionRecordedAtTheGatewayIsCountedByAnalyticsAndSurvivesARestart(SharedStack.Running stack)
            throws Exception {
        String base = stack.baseUrl();
        String key = stack.stack().keys().school();
        assertThat(get(base + "/actuator/health", null).path("status").asText()).isEqualTo("UP");

        post(base + "/api/v1/programmes", key, """
                {"programmeId":"gp-2026","name":"GP residents","participantType":"RESIDENT",
                 "arm":"INTERVENTION","country":"FR","startsOn":"2026-01-05"}""", 201);
        post(base + "/api/v1/groups", key, """
                {"groupId":"g-tue","programmeId":"gp-2026","formedOn":"2026-01-05",
                 "design":{"plannedSize":8,"meetingFrequency":"WEEKLY","sessionMinutes":90,"format":"IN_PERSON",
                           "facilitation":{"style":"CLASSIC_BALINT","leaders":2,
                                           "leaderBackgrounds":["GP","PSYCHIATRIST"],"accreditedLeader":true}}}""", 201);
        for (String participant : new String[] {"p-001", "p-002", "p-003"}) {
            send("PUT", base + "/api/v1/groups/g-tue/members/" + participant, key,
                    "{\"enrolledOn\":\"2026-01-05\"}", 200);
        }
        String session = """
                {"sessionId":"s-1","heldOn":"%s","durationMinutes":90,"format":"IN_PERSON","leadersPresent":2,
                 "attendance":[{"participantId":"p-001","status":"PRESENT"},
                               {"participantId":"p-002","status":"PRESENT"},
                               {"participantId":"p-003","status":"ABSENT"}]}""".formatted(LocalDate.of(2026, 1, 12));
        post(base + "/api/v1/groups/g-tue/sessions", key, session, 201);
        // The same request again is a retry: nothing new may be counted.
        post(base + "/api/v1/groups/g-tue/sessions", key, session, 201);

        await().atMost(Patience.scaled(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode group = get(base + "/api/v1/analytics/groups/g-tue", key);
            assertThat(group.path("present").asInt()).isEqualTo(2);
            assertThat(group.path("attendanceRecords").asInt()).isEqualTo(3);
            assertThat(group.path("sessionsHeld").asInt()).isEqualTo(1);
            assertThat(group.path("logPosition").isObject()).isTrue();
        });

        String admin = stack.stack().keys().admin();
        send("POST", base + "/api/v1/institutions", admin,
                "{\"institutionId\":\"it-school\",\"name\":\"Integration School\",\"country\":\"DE\"}", 201);
        JsonNode first = JSON.readTree(send("POST", base + "/api/v1/keys", admin,
                "{\"role\":\"SCHOOL\",\"institutionId\":\"it-school\",\"label\":\"first server\"}", 201));
        JsonNode second = JSON.readTree(send("POST", base + "/api/v1/keys", admin,
                "{\"role\":\"SCHOOL\",\"institutionId\":\"it-school\",\"label\":\"second server\"}", 201));
        String revokedKey = first.path("secret").asText();
        String issuedKey = second.path("secret").asText();
        // Accepted at once by every service, with no wait: each reads the key topic before refusing a key.
        post(base + "/api/v1/programmes", revokedKey, """
                {"programmeId":"it-2026","name":"Issued-key programme","participantType":"RESIDENT",
                 "arm":"INTERVENTION","country":"DE","startsOn":"2026-01-05"}""", 201);
        send("GET", base + "/api/v1/instruments", revokedKey, null, 200);
        send("GET", base + "/api/v1/analytics/overview", revokedKey, null, 200);

        send("DELETE", base + "/api/v1/keys/" + first.path("key").path("keyId").asText(), admin, null, 200);
        await().atMost(Patience.scaled(Duration.ofSeconds(10))).untilAsserted(() -> {
            send("GET", base + "/api/v1/programmes/it-2026", revokedKey, null, 401);
            send("GET", base + "/api/v1/instruments", revokedKey, null, 401);
            send("GET", base + "/api/v1/analytics/overview", revokedKey, null, 401);
        });
        send("GET", base + "/api/v1/programmes/it-2026", issuedKey, null, 200);

        stack.restart();
        String restarted = stack.baseUrl();
        assertThat(stack.stack().keys().school()).as("keys are kept").isEqualTo(key);
        JsonNode sessions = get(restarted + "/api/v1/groups/g-tue/sessions", key);
        assertThat(sessions).hasSize(1);
        send("GET", restarted + "/api/v1/programmes/it-2026", revokedKey, null, 401);
        send("GET", restarted + "/api/v1/programmes/it-2026", issuedKey, null, 200);
        await().atMost(Patience.scaled(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(get(restarted + "/api/v1/analytics/groups/g-tue", key).path("present").asInt()).isEqualTo(2));
    }

    private JsonNode get(String url, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void post(String url, String key, String body, int expectedStatus) throws Exception {
        send("POST", url, key, body, expectedStatus);
    }

    private String send(String method, String url, String key, String body, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isEqualTo(expectedStatus);
        return response.body();
    }
}
