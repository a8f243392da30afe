package org.balintobservatory.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Endpoint enrolment() {
        ObjectNode body = JSON.createObjectNode().put("enrolledOn", "2026-01-12").put("level", 3);
        body.putObject("detail").put("status", "PRESENT");
        return Endpoint.withBody("PUT", "/groups/{groupId}/members/{participantId}",
                Map.of("groupId", "g-1", "participantId", "p-001"),
                List.of(FieldSpec.id("groupId"), FieldSpec.participantId("participantId")), body,
                List.of(FieldSpec.pastDate("enrolledOn"), FieldSpec.integer("level", 1, 5),
                        FieldSpec.object("detail"), FieldSpec.enumOf("detail.status", Status.class)));
    }

    enum Status { PRESENT, ABSENT }

    @Test
    void theSameSeedMakesTheSameRequests() {
        assertThat(describe(42)).isEqualTo(describe(42)).isNotEqualTo(describe(43));
    }

    @Test
    void everyRequestDiffersFromTheValidOneAndNamesAFieldWhenItChangedOne() {
        Endpoint endpoint = enrolment();
        String valid = endpoint.validBody().toString();
        try (HostileRequests generator = new HostileRequests(7, 1024)) {
            for (int i = 0; i < 2_000; i++) {
                HostileRequest request = generator.next(endpoint);
                boolean sameBody = request.body() != null
                        && new String(request.body(), StandardCharsets.UTF_8).equals(valid);
                boolean samePath = request.path().equals(endpoint.validPath());
                boolean sameType = "application/json".equals(request.contentType());
                assertThat(sameBody && samePath && sameType).as(request.describe()).isFalse();
                if (request.json() != null || request.mutation() == Mutation.BAD_PATH_PARAMETER) {
                    assertThat(request.expectedField()).as(request.describe()).isNotBlank();
                }
            }
        }
    }

    @Test
    void dateMutationsGiveDatesTheDateRulesRefuse() {
        ObjectNode body = JSON.createObjectNode().put("heldOn", "2026-01-12").put("startsOn", "2026-01-05");
        Endpoint endpoint = Endpoint.withBody("POST", "/sessions", Map.of(), List.of(), body,
                List.of(FieldSpec.pastDate("heldOn"), FieldSpec.date("startsOn")));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<Mutation, Integer> seen = new EnumMap<>(Mutation.class);
        try (HostileRequests generator = new HostileRequests(11, 1024)) {
            for (int i = 0; i < 2_000; i++) {
                HostileRequest request = generator.nextBody(endpoint);
                if (request.json() == null || request.expectedField() == null
                        || !request.json().path(request.expectedField()).isTextual()) {
                    continue;
                }
                String value = request.json().path(request.expectedField()).asText();
                switch (request.mutation()) {
                    case FUTURE_DATE -> {
                        assertThat(request.expectedField()).isEqualTo("heldOn");
                        assertThat(LocalDate.parse(value)).isAfter(today);
                    }
                    case DATE_BEFORE_1950 -> assertThat(LocalDate.parse(value)).isBefore(LocalDate.of(1950, 1, 1));
                    case FAR_AHEAD_DATE -> {
                        assertThat(request.expectedField()).isEqualTo("startsOn");
                        assertThat(LocalDate.parse(value)).isAfter(today.plusYears(12));
                    }
                    default -> {
                        continue;
                    }
                }
                seen.merge(request.mutation(), 1, Integer::sum);
            }
        }
        assertThat(seen).containsKeys(Mutation.FUTURE_DATE, Mutation.DATE_BEFORE_1950, Mutation.FAR_AHEAD_DATE);
    }

    @Test
    void anOversizedBodyIsLargerThanTheLimit() {
        try (HostileRequests generator = new HostileRequests(1, 4096)) {
            assertThat(generator.oversized(enrolment()).body().length).isGreaterThan(4096);
        }
    }

    @Test
    void theCorpusHoldsMoreThanTwoHundredDistinctAttemptsOfEveryKind() {
        List<String> values = IdentifierCorpus.values();
        assertThat(values).hasSizeGreaterThanOrEqualTo(200);
        assertThat(new HashSet<>(values)).hasSameSizeAs(values);
        assertThat(IdentifierCorpus.attempts()).extracting(IdentifierCorpus.Attempt::kind)
                .contains(IdentifierCorpus.Kind.values());
    }

    private static List<String> describe(long seed) {
        List<String> requests = new ArrayList<>();
        try (HostileRequests generator = new HostileRequests(seed, 1024)) {
            for (int i = 0; i < 50; i++) {
                requests.add(generator.next(enrolment()).describe());
            }
        }
        return requests;
    }
}
