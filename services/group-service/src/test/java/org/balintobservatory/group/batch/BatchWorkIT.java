package org.balintobservatory.group.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import org.balintobservatory.group.GroupServiceTestSupport;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.batch.LineResult;
import org.balintobservatory.support.jdbc.JdbcWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much database work a batch line costs on the write side, counted ({@link JdbcWork}) rather than timed: SQL
 * statements, round trips to PostgreSQL and commits for one request of {@value #SESSIONS} session lines over
 * {@value #GROUPS} groups, each line appending {@value #EVENTS_PER_LINE} events. The bounds sit just above what
 * the shared transactions of {@code BatchRunner} cost; a change that makes lines load their group again, read
 * their stream more often or commit on their own fails here.
 */
class BatchWorkIT extends GroupServiceTestSupport {

    private static final int GROUPS = 4;
    private static final int MEMBERS = 6;
    private static final int SESSIONS = 200;
    /** One SessionHeldEvent, an AttendanceRecordedEvent per member and one CasePresentedEvent. */
    private static final int EVENTS_PER_LINE = 1 + MEMBERS + 1;

    /**
     * What a transaction of lines may read besides its events: per group, its stream when the weakly cached group
     * was collected since the last transaction (two queries: snapshot and events), and, in the first transaction,
     * the group's programme (two again): at most {@value #READS_PER_GROUP} queries. (A line learns from the events
     * staged in the transaction whether it appended; before, the first line of each group read the stream's last
     * sequence number for it, a fifth query.)
     */
    private static final int READS_PER_GROUP = 4;
    private static final int TRANSACTIONS = 2;
    /**
     * Statements a line may cost: its events' inserts and its share of the reads. Measured: 8.04 (8 inserts, 8
     * reads for 200 lines; 8.08 with the last sequence number read); one transaction a line: 10.1 to 10.4.
     */
    private static final double STATEMENTS_PER_LINE = EVENTS_PER_LINE
            + (double) READS_PER_GROUP * GROUPS * TRANSACTIONS / SESSIONS;
    /**
     * Round trips a line may cost: its share of the reads, of one JDBC batch and of one commit per transaction.
     * Measured: 0.06 (0.10 with the last sequence number read); one transaction a line: 6.1 to 6.4 (three commits a line: the command's, and one for each of two
     * reads of the stream's last sequence number outside it).
     */
    private static final double ROUND_TRIPS_PER_LINE = (double) (READS_PER_GROUP * GROUPS + 2) * TRANSACTIONS
            / SESSIONS;

    @Autowired
    JdbcWork work;
    @Autowired
    BatchImport batchImport;
    @Autowired
    BatchRunner runner;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    Validator validator;

    @Test
    void aBatchOfSessionLinesCostsFewerStatementsAndRoundTripsPerLineThanItsBoundAndCommitsOncePerRun() {
        givenGroups("g-work");
        List<String> lines = sessions("g-work");

        JdbcWork.Counts before = work.counts();
        List<JsonNode> results = results(send("POST", "/api/v1/batch", String.join("\n", lines), SCHOOL_KEY,
                "application/x-ndjson"));
        JdbcWork.Counts spent = work.counts().minus(before);

        assertThat(results).extracting(r -> r.path("status").asInt()).containsOnly(201).hasSize(SESSIONS);
        report("shared transactions", spent, SESSIONS);
        assertThat(perLine(spent.statements())).isLessThanOrEqualTo(STATEMENTS_PER_LINE);
        assertThat(perLine(spent.roundTrips())).isLessThanOrEqualTo(ROUND_TRIPS_PER_LINE);
        assertThat(runner.properties().linesPerTransaction() * TRANSACTIONS).isEqualTo(SESSIONS);
        assertThat(spent.commits()).isEqualTo(TRANSACTIONS);
        assertThat(spent.savepoints()).isZero();
    }

    /**
     * The bounds can fail: the same lines run one transaction a line, as every batch line ran before lines shared
     * transactions, exceed each of them.
     */
    @Test
    void theSameLinesWithATransactionEachExceedEveryBound() throws Exception {
        givenGroups("g-alone");
        List<String> lines = sessions("g-alone");
        BatchRunner oneByOne = new BatchRunner(runner.properties(), mapper, validator);

        JdbcWork.Counts before = work.counts();
        List<LineResult> results = work.counting(() -> oneByOne.runAll(lines, batchImport.lines(INSTITUTION)));
        JdbcWork.Counts spent = work.counts().minus(before);

        assertThat(results).extracting(LineResult::status).containsOnly(201).hasSize(SESSIONS);
        report("one transaction a line", spent, SESSIONS);
        assertThat(perLine(spent.statements())).isGreaterThan(STATEMENTS_PER_LINE);
        assertThat(perLine(spent.roundTrips())).isGreaterThan(ROUND_TRIPS_PER_LINE);
        assertThat(spent.commits()).isGreaterThanOrEqualTo(SESSIONS);
    }

    private void givenGroups(String prefix) {
        LocalDate start = TODAY.minusDays(SESSIONS + 10);
        List<String> lines = new ArrayList<>();
        lines.add(line(Map.of("op", "registerProgramme", "programmeId", "prog-" + prefix, "name", "Work",
                "participantType", "RESIDENT", "arm", "INTERVENTION", "country", "FR", "startsOn", start.toString())));
        for (int g = 0; g < GROUPS; g++) {
            Map<String, Object> formation = new java.util.HashMap<>(group(prefix + "-" + g, "prog-" + prefix, start));
            formation.put("op", "formGroup");
            lines.add(line(formation));
            for (int m = 0; m < MEMBERS; m++) {
                lines.add(line(Map.of("op", "enrol", "groupId", prefix + "-" + g, "participantId", member(g, m),
                        "enrolledOn", start.toString())));
            }
        }
        assertThat(results(send("POST", "/api/v1/batch", String.join("\n", lines), SCHOOL_KEY,
                "application/x-ndjson"))).extracting(r -> r.path("status").asInt()).containsOnly(201);
    }

    /** {@value #SESSIONS} sessions, taking the groups in turn, as a timetable export lists them. */
    private static List<String> sessions(String prefix) {
        LocalDate start = TODAY.minusDays(SESSIONS + 10);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int g = s % GROUPS;
            List<Map<String, Object>> attendance = new ArrayList<>();
            for (int m = 0; m < MEMBERS; m++) {
                attendance.add(attendance(member(g, m), m == s % MEMBERS ? "ABSENT" : "PRESENT"));
            }
            lines.add(line(Map.of("op", "recordSession", "groupId", prefix + "-" + g, "sessionId", "s-" + s,
                    "heldOn", start.plusDays(s / GROUPS + 1).toString(), "durationMinutes", 90, "format", "VIRTUAL",
                    "leadersPresent", 2, "attendance", attendance,
                    "cases", List.of(Map.of("caseId", "c-" + s, "presenterId", member(g, (s + 1) % MEMBERS),
                            "themes", List.of("DIFFICULT_PATIENT"))))));
        }
        return lines;
    }

    private static String member(int group, int member) {
        return "p-w" + group + "-" + member;
    }

    private static double perLine(long count) {
        return (double) count / SESSIONS;
    }

    private static void report(String how, JdbcWork.Counts spent, int lines) {
        System.out.printf("%s, %d lines: %.2f statements, %.2f round trips per line; %d commits, %d savepoints%n",
                how, lines, (double) spent.statements() / lines, (double) spent.roundTrips() / lines, spent.commits(),
                spent.savepoints());
    }


    private static List<JsonNode> results(Response response) {
        assertThat(response.status()).isEqualTo(200);
        return ndjson(response);
    }
}
