package org.balintobservatory.group.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.group.GroupServiceTestSupport;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.batch.LineHandler;
import org.balintobservatory.support.batch.LineResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines that share a transaction are answered, and stored, exactly as lines that each have their own: the same
 * body is sent once through the endpoint (lines sharing transactions) and once through a runner whose every line
 * has its own transaction (as every line had before), under ids that differ only by a suffix, and the answers
 * and the event streams must be the same.
 */
class SharedTransactionsIT extends GroupServiceTestSupport {

    @Autowired
    BatchImport batchImport;
    @Autowired
    BatchRunner runner;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    Validator validator;

    @Test
    void goodRefusedAndRepeatedLinesOfOneGroupAreAnsweredAndStoredAsWhenEachLineHadItsOwnTransaction() {
        List<String> shared = mixedLines("-shared");
        List<String> alone = mixedLines("-alone");

        List<JsonNode> together = results(batch(String.join("\n", shared)));
        List<LineResult> oneByOne = new BatchRunner(runner.properties(), mapper, validator)
                .runAll(alone, batchImport.lines(INSTITUTION));

        assertThat(together).hasSize(oneByOne.size());
        for (int i = 0; i < together.size(); i++) {
            assertThat(withoutSuffix(together.get(i).toString(), "-shared"))
                    .as("line %d", i + 1)
                    .isEqualTo(withoutSuffix(mapper.valueToTree(oneByOne.get(i)).toString(), "-alone"));
        }
        assertThat(together).extracting(r -> r.path("status").asInt())
                .containsExactly(201, 201, 201, 201, 201, 422, 200, 200, 409, 201, 200, 422, 201, 201, 422, 400,
                        404, 201);
        assertThat(eventTypes("g-mix-shared")).isEqualTo(eventTypes("g-mix-alone"));
        assertThat(eventTypes("g-mix-shared")).containsExactly("GroupFormedEvent", "ParticipantEnrolledEvent",
                "ParticipantEnrolledEvent", "SessionHeldEvent", "AttendanceRecordedEvent", "AttendanceRecordedEvent",
                "ParticipantEnrolledEvent", "SessionHeldEvent", "AttendanceRecordedEvent", "AttendanceRecordedEvent",
                "AttendanceRecordedEvent", "SessionVoidedEvent", "ParticipantEnrolledEvent");
        assertThat(eventTypes("prog-mix-shared")).containsExactly("ProgrammeRegisteredEvent");
    }

    /**
     * Another writer appends to a group after the shared transaction loaded it, as another instance of the
     * service would: the shared commit fails on the event store's unique sequence, nothing of it is stored, and
     * the lines run again one by one on what the other writer stored. Every line is stored once.
     */
    @Test
    void linesWhoseSharedCommitLosesARaceRunAgainOneByOneAndAreStoredOnce() {
        LocalDate start = TODAY.minusDays(30);
        givenGroupWithMembers("prog-race", "g-race", 30, "p-r1");
        long storedBefore = lastSequence("g-race").orElseThrow();
        List<String> lines = List.of(
                line(Map.of("op", "enrol", "groupId", "g-race", "participantId", "p-r2", "enrolledOn", start.toString())),
                line(Map.of("op", "enrol", "groupId", "g-race", "participantId", "p-r3", "enrolledOn", start.toString())),
                line(Map.of("op", "enrol", "groupId", "g-race", "participantId", "p-r4", "enrolledOn", start.toString())));
        AtomicBoolean raced = new AtomicBoolean();
        LineHandler handler = batchImport.lines(INSTITUTION);
        LineHandler racing = LineHandler.eventsOnly(line -> {
            if (line.number() == 2 && raced.compareAndSet(false, true)) {
                CompletableFuture.runAsync(() -> eventStore.publish(new GenericDomainEventMessage<>("BalintGroup",
                        aggregate("g-race"), storedBefore + 1, new ParticipantEnrolledEvent(INSTITUTION, "g-race",
                        pseudonym("p-other"), start)))).join();
            }
            return handler.run(line);
        });

        List<LineResult> results = runner.runAll(lines, racing);

        assertThat(raced).isTrue();
        assertThat(results).extracting(LineResult::status).containsExactly(201, 201, 201);
        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(aggregate("g-race")).asStream().toList();
        assertThat(stream).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, stream.size()).boxed().toList());
        assertThat(stream.subList((int) storedBefore + 1, stream.size()))
                .extracting(m -> ((ParticipantEnrolledEvent) m.getPayload()).participantId())
                .containsExactly(pseudonym("p-other"), pseudonym("p-r2"), pseudonym("p-r3"), pseudonym("p-r4"));
        assertThat(get("/api/v1/groups/g-race").body().path("members")).hasSize(5);
    }

    /**
     * Good lines, refusals and repeats for one group (and its programme), in an order where each kind follows
     * each other kind. The expected answers: {@code appended} 201, {@code unchanged} 200, refused 4xx.
     */
    private List<String> mixedLines(String suffix) {
        LocalDate start = TODAY.minusDays(40);
        String programme = "prog-mix" + suffix;
        String group = "g-mix" + suffix;
        Map<String, Object> registration = new HashMap<>(programme(programme, start));
        registration.put("op", "registerProgramme");
        Map<String, Object> formation = new HashMap<>(group(group, programme, start));
        formation.put("op", "formGroup");
        return List.of(
                line(registration),
                line(formation),
                line(enrol(group, "p-m1", start)),
                line(enrol(group, "p-m2", start)),
                line(session(group, "s-1", start.plusDays(1), List.of("p-m1", "p-m2"))),
                // 422 attendee-is-member: nobody enrolled p-stranger
                line(session(group, "s-2", start.plusDays(2), List.of("p-m1", "p-stranger"))),
                // 200: the same enrolment again
                line(enrol(group, "p-m1", start)),
                // 200: the same session again
                line(session(group, "s-1", start.plusDays(1), List.of("p-m1", "p-m2"))),
                // 409: the same session id with other attendance
                line(session(group, "s-1", start.plusDays(1), List.of("p-m1"))),
                line(enrol(group, "p-m3", start.plusDays(2))),
                // 200: the same formation again
                line(formation),
                // 422 withdrawer-is-member
                line(Map.of("op", "withdraw", "groupId", group, "participantId", "p-nobody",
                        "withdrewOn", start.plusDays(3).toString())),
                // the lines after refusals are stored
                line(session(group, "s-3", start.plusDays(4), List.of("p-m1", "p-m2", "p-m3"))),
                line(Map.of("op", "voidSession", "groupId", group, "sessionId", "s-1", "reason", "WRONG_GROUP")),
                // 422 session-not-voided: s-1 was voided by the line before
                line(Map.of("op", "correctSession", "groupId", group, "sessionId", "s-1", "correctionId", "fix-1",
                        "heldOn", start.plusDays(1).toString(), "durationMinutes", 60, "format", "VIRTUAL",
                        "leadersPresent", 1, "attendance", List.of(attendance("p-m1", "PRESENT")))),
                // 400: no JSON
                "not json",
                // 404: a group never formed
                line(enrol("g-never" + suffix, "p-m1", start)),
                line(enrol(group, "p-m4", start.plusDays(5))));
    }

    private static Map<String, Object> enrol(String group, String participant, LocalDate on) {
        return Map.of("op", "enrol", "groupId", group, "participantId", participant, "enrolledOn", on.toString());
    }

    private static Map<String, Object> session(String group, String sessionId, LocalDate heldOn, List<String> present) {
        List<Map<String, Object>> attendance = new ArrayList<>();
        present.forEach(p -> attendance.add(attendance(p, "PRESENT")));
        return Map.of("op", "recordSession", "groupId", group, "sessionId", sessionId, "heldOn", heldOn.toString(),
                "durationMinutes", 90, "format", "VIRTUAL", "leadersPresent", 2, "attendance", attendance);
    }

    private List<String> eventTypes(String localId) {
        return eventStore.readEvents(aggregate(localId)).asStream()
                .map(m -> m.getPayload().getClass().getSimpleName()).toList();
    }

    private static String withoutSuffix(String json, String suffix) {
        return json.replace(suffix, "");
    }


    private static List<JsonNode> results(Response response) {
        assertThat(response.status()).isEqualTo(200);
        return ndjson(response);
    }
}
