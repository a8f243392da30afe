package org.balintobservatory.group.batch;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.group.GroupServiceTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A past year loaded in one request, line by line, against real PostgreSQL and Kafka. */
class BatchImportIT extends GroupServiceTestSupport {

    private static final int GROUPS = 4;
    private static final int MEMBERS = 6;
    private static final int SESSIONS_PER_GROUP = 250;


    private static Map<String, Object> op(String op, Map<String, Object> fields) {
        Map<String, Object> line = new HashMap<>(fields);
        line.put("op", op);
        return line;
    }

    @Test
    void aPastYearOfMoreThanAThousandLinesLoadsInOneRequestAndBadLinesStoreNothing() {
        LocalDate start = TODAY.minusDays(SESSIONS_PER_GROUP + 10);
        List<String> lines = new ArrayList<>();
        lines.add(line(op("registerProgramme", programme("prog-year", start))));
        for (int g = 0; g < GROUPS; g++) {
            String groupId = "g-year-" + g;
            lines.add(line(op("formGroup", group(groupId, "prog-year", start))));
            for (int m = 0; m < MEMBERS; m++) {
                lines.add(line(Map.of("op", "enrol", "groupId", groupId, "participantId", "p-" + g + "-" + m,
                        "enrolledOn", start.toString())));
            }
        }
        for (int s = 0; s < SESSIONS_PER_GROUP; s++) {
            for (int g = 0; g < GROUPS; g++) {
                List<Map<String, Object>> attendance = new ArrayList<>();
                for (int m = 0; m < MEMBERS; m++) {
                    attendance.add(attendance("p-" + g + "-" + m, m == s % MEMBERS ? "ABSENT" : "PRESENT"));
                }
                Map<String, Object> session = new HashMap<>();
                session.put("op", "recordSession");
                session.put("groupId", "g-year-" + g);
                session.put("sessionId", "s-" + s);
                session.put("heldOn", start.plusDays(s + 1).toString());
                session.put("durationMinutes", 90);
                session.put("format", "VIRTUAL");
                session.put("leadersPresent", 2);
                session.put("attendance", attendance);
                session.put("cases", List.of(Map.of("caseId", "c-" + s, "presenterId",
                        "p-" + g + "-" + ((s + 1) % MEMBERS), "themes", List.of("DIFFICULT_PATIENT"))));
                lines.add(line(session));
            }
        }
        int firstBad = lines.size() / 2;
        lines.add(firstBad, "{\"op\":\"recordSession\",\"groupId\":\"g-year-0\",\"sessionId\":\"s-bad\","
                + "\"heldOn\":\"" + start.plusDays(3) + "\",\"durationMinutes\":90,\"format\":\"VIRTUAL\","
                + "\"leadersPresent\":1,\"attendance\":[{\"participantId\":\"p-stranger\",\"status\":\"PRESENT\"}]}");
        lines.add(firstBad + 1, "{\"op\":\"renameGroup\",\"groupId\":\"g-year-0\"}");
        lines.add(firstBad + 2, "{\"op\":\"enrol\",\"groupId\":\"g-year-1\",\"participantId\":\"p-x1\","
                + "\"enrolledOn\":\"" + start + "\",\"email\":\"someone\"}");
        lines.add(firstBad + 3, "this is not json");
        lines.add(lines.get(1));

        Instant began = Instant.now();
        Response response = batch(String.join("\n", lines) + "\n");
        Duration took = Duration.between(began, Instant.now());

        assertThat(lines.size()).isGreaterThan(1000);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> results = ndjson(response);
        assertThat(results).hasSize(lines.size());
        assertThat(results).extracting(r -> r.path("line").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, lines.size()).boxed().toList());

        JsonNode nonMember = results.get(firstBad);
        assertThat(nonMember.path("status").asInt()).isEqualTo(422);
        assertThat(nonMember.path("outcome").asText()).isEqualTo("refused");
        assertThat(nonMember.path("problem").path("errors").path(0).path("rule").asText()).isEqualTo("attendee-is-member");
        JsonNode unknownOp = results.get(firstBad + 1);
        assertThat(unknownOp.path("status").asInt()).isEqualTo(400);
        assertThat(unknownOp.path("problem").path("errors").path(0).path("rule").asText()).isEqualTo("known-op");
        JsonNode unknownField = results.get(firstBad + 2);
        assertThat(unknownField.path("problem").path("errors").path(0).path("field").asText()).isEqualTo("email");
        assertThat(unknownField.path("problem").path("errors").path(0).path("rule").asText()).isEqualTo("unknown-field");
        assertThat(results.get(firstBad + 3).path("problem").path("errors").path(0).path("rule").asText())
                .isEqualTo("malformed-json");
        JsonNode repeated = results.get(lines.size() - 1);
        assertThat(repeated.path("status").asInt()).isEqualTo(200);
        assertThat(repeated.path("outcome").asText()).isEqualTo("unchanged");
        assertThat(results).filteredOn(r -> r.path("outcome").asText().equals("appended"))
                .hasSize(lines.size() - 5);

        for (int g = 0; g < GROUPS; g++) {
            assertThat(get("/api/v1/groups/g-year-" + g).body().path("sessionsCounted").asInt())
                    .isEqualTo(SESSIONS_PER_GROUP);
        }
        assertThat(get("/api/v1/groups/g-year-1").body().path("members")).hasSize(MEMBERS);
        long perGroup = 1 + MEMBERS + (long) SESSIONS_PER_GROUP * (1 + MEMBERS + 1);
        assertThat(lastSequence("g-year-0")).contains(perGroup - 1);
        assertThat(awaitRecords(aggregate("g-year-3"), (int) perGroup)).hasSize((int) perGroup);
        System.out.printf("batch of %d lines took %s%n", lines.size(), took);
    }

    /**
     * Lines that are no command, and a line that gives a field twice (which used to let the last value win
     * silently): each is refused on its own with 400, and the good line between them is stored.
     */
    @Test
    void aLineThatIsNoObjectOrGivesAFieldTwiceIsRefusedOnItsOwn() {
        String programme = line(op("registerProgramme", programme("prog-odd-lines", TODAY.minusDays(5))));
        String twice = programme.replace("\"programmeId\":\"prog-odd-lines\"",
                "\"programmeId\":\"prog-odd-a\",\"programmeId\":\"prog-odd-b\"");
        Response response = batch(String.join("\n", "null", "[]", "7", programme, twice, "{"));

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> results = ndjson(response);
        assertThat(results).extracting(r -> r.path("status").asInt()).containsExactly(400, 400, 400, 201, 400, 400);
        JsonNode duplicate = results.get(4).path("problem").path("errors").path(0);
        assertThat(duplicate.path("rule").asText()).isEqualTo("duplicate-field");
        assertThat(duplicate.path("field").asText()).isEqualTo("programmeId");
        assertThat(lastSequence("prog-odd-a")).isEmpty();
        assertThat(lastSequence("prog-odd-b")).isEmpty();
    }

    @Test
    void aBodyLargerThanTheCapIsRefusedWholeBeforeAnyLineRuns() {
        String line = line(op("registerProgramme", programme("prog-too-big", TODAY.minusDays(5)))) + "\n";
        String body = line.repeat((1024 * 1024) / line.length() + 10);

        Response response = batch(body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(lastSequence("prog-too-big")).isEmpty();
    }

    @Test
    void linesRunInOrderSoALaterLineCanUseWhatAnEarlierOneCreated() {
        LocalDate start = TODAY.minusDays(20);
        String body = String.join("\n",
                line(op("registerProgramme", programme("prog-order", start))),
                line(op("formGroup", group("g-order", "prog-order", start))),
                line(Map.of("op", "enrol", "groupId", "g-order", "participantId", "p-o1", "enrolledOn", start.toString())),
                line(Map.of("op", "enrol", "groupId", "g-order", "participantId", "p-o2", "enrolledOn", start.toString())),
                line(Map.of("op", "changeDesign", "groupId", "g-order", "effectiveFrom", start.plusDays(2).toString(),
                        "design", design(8))),
                line(Map.of("op", "recordSession", "groupId", "g-order", "sessionId", "s-1",
                        "heldOn", start.plusDays(3).toString(), "durationMinutes", 90, "format", "HYBRID",
                        "leadersPresent", 1, "attendance", List.of(attendance("p-o1", "PRESENT"),
                                attendance("p-o2", "EXCUSED")))),
                line(Map.of("op", "correctSession", "groupId", "g-order", "sessionId", "s-1", "correctionId", "fix-1",
                        "heldOn", start.plusDays(3).toString(), "durationMinutes", 75, "format", "HYBRID",
                        "leadersPresent", 1, "attendance", List.of(attendance("p-o1", "PRESENT"),
                                attendance("p-o2", "ABSENT")), "cases", List.of())),
                line(Map.of("op", "withdraw", "groupId", "g-order", "participantId", "p-o2",
                        "withdrewOn", start.plusDays(4).toString())),
                line(Map.of("op", "voidSession", "groupId", "g-order", "sessionId", "s-1", "reason", "WRONG_GROUP")));

        List<JsonNode> results = ndjson(batch(body));

        assertThat(results).extracting(r -> r.path("outcome").asText()).containsOnly("appended");
        assertThat(results).extracting(r -> r.path("op").asText()).containsExactly("registerProgramme", "formGroup",
                "enrol", "enrol", "changeDesign", "recordSession", "correctSession", "withdraw", "voidSession");
        JsonNode session = get("/api/v1/groups/g-order/sessions/s-1").body();
        assertThat(session.path("status").asText()).isEqualTo("VOIDED");
        assertThat(session.path("durationMinutes").asInt()).isEqualTo(75);
    }
}
