package org.balintobservatory.group.batch;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.group.GroupServiceTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attendance register uploaded as CSV records the same sessions as the JSON API, one result per row in the
 * batch protocol, and the same file sent again changes nothing.
 */
class AttendanceUploadIT extends GroupServiceTestSupport {

    private static final String HEADER = "sessionId,heldOn,durationMinutes,format,leadersPresent,participantId,status";

    private List<JsonNode> results(Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return ndjson(response);
    }

    @Test
    void aRegisterRecordsOneSessionPerSessionIdAndAResendChangesNothing() {
        givenGroupWithMembers("prog-upload", "g-upload", 30, "p-u1", "p-u2", "p-u3");
        givenGroupWithMembers("prog-upload-json", "g-upload-json", 30, "p-u1", "p-u2", "p-u3");
        String heldOn = TODAY.minusDays(10).toString();
        String later = TODAY.minusDays(3).toString();
        String csv = HEADER + "\r\n"
                + "s-1," + heldOn + ",90,IN_PERSON,2,p-u1,PRESENT\r\n"
                + "s-1," + heldOn + ",90,IN_PERSON,2,p-u2,ABSENT\r\n"
                + "s-1," + heldOn + ",90,IN_PERSON,2,p-u3,EXCUSED\r\n"
                + "s-2," + later + ",90,VIRTUAL,1,p-u1,PRESENT\r\n"
                + "s-2," + later + ",75,VIRTUAL,1,p-u2,PRESENT\r\n"
                + "s-2," + later + ",90,VIRTUAL,1,p-u3,PRESENT\r\n";

        List<JsonNode> first = results(send("POST", "/api/v1/groups/g-upload/sessions/upload", csv, SCHOOL_KEY,
                "text/csv"));

        assertThat(first).extracting(r -> r.get("line").asInt()).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(first.subList(0, 3)).extracting(r -> r.get("outcome").asText()).containsOnly("appended");
        assertThat(first.get(0).get("id").asText()).isEqualTo("s-1");
        assertThat(first.get(4).at("/problem/errors/0/rule").asText()).isEqualTo("same-session");
        assertThat(first.get(4).at("/problem/errors/0/field").asText()).isEqualTo("durationMinutes");
        assertThat(first.get(3).get("outcome").asText()).as("s-2 without row 6 misses a member")
                .isEqualTo("refused");
        assertThat(first.get(3).at("/problem/errors/0/rule").asText()).isEqualTo("attendance-complete");

        JsonNode uploaded = get("/api/v1/groups/g-upload/sessions/s-1").body();
        post("/api/v1/groups/g-upload-json/sessions", Map.of("sessionId", "s-1", "heldOn", heldOn,
                "durationMinutes", 90, "format", "IN_PERSON", "leadersPresent", 2, "attendance", List.of(
                        attendance("p-u1", "PRESENT"), attendance("p-u2", "ABSENT"), attendance("p-u3", "EXCUSED"))));
        JsonNode viaJson = get("/api/v1/groups/g-upload-json/sessions/s-1").body();
        assertThat(uploaded.get("attendance")).as("the same session as the JSON API records")
                .isEqualTo(viaJson.get("attendance"));
        assertThat(uploaded.get("durationMinutes")).isEqualTo(viaJson.get("durationMinutes"));

        long before = lastSequence("g-upload").orElseThrow();
        List<JsonNode> again = results(send("POST", "/api/v1/groups/g-upload/sessions/upload", csv, SCHOOL_KEY,
                "text/csv"));
        assertThat(again.subList(0, 3)).extracting(r -> r.get("outcome").asText()).containsOnly("unchanged");
        assertThat(lastSequence("g-upload")).contains(before);
    }

    @Test
    void aRegisterWithoutAStatusColumnIsRefusedWhole() {
        givenGroupWithMembers("prog-upload-h", "g-upload-h", 30, "p-h1");
        String csv = "sessionId,heldOn,durationMinutes,format,leadersPresent,participantId,note\r\n"
                + "s-1," + TODAY.minusDays(2) + ",90,IN_PERSON,2,p-h1,PRESENT\r\n";

        Response response = send("POST", "/api/v1/groups/g-upload-h/sessions/upload", csv, SCHOOL_KEY, "text/csv");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("errors").findValuesAsText("rule"))
                .containsExactlyInAnyOrder("unknown-column", "missing-column");
        assertThat(lastSequence("g-upload-h")).contains(1L);
    }
}
