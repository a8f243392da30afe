package org.balintobservatory.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.batch.LineResult;
import org.balintobservatory.support.jdbc.JdbcWork;
import org.balintobservatory.survey.response.SurveyLines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much database work a survey batch line costs, counted ({@link JdbcWork}): statements, round trips, commits
 * and savepoints for one request of {@value #RESPONSES} submissions, with a slot conflict, a repeat and an invalid
 * line among them. A submission writes its slot row beside its event, so each line of a shared transaction has a
 * savepoint; the bounds sit just above what that costs, and the same lines with a transaction each exceed them.
 */
class BatchWorkIT extends SurveyServiceTestSupport {

    private static final int RESPONSES = 200;
    private static final int LINES = RESPONSES + 3;
    private static final int TRANSACTIONS = 3;

    /**
     * Statements an accepted line may cost. Measured: 9.05, per line: the response's stream read twice (as the
     * aggregate is loaded and as the answer is built; a snapshot and an events query each), the consent row read
     * and written, the slot locked and claimed, the event inserted (in one JDBC batch). Before a line in a shared
     * transaction learnt from the staged events whether it appended (BatchLine), it also read its stream's last
     * sequence number: 10.06. With a transaction each: 14.04 (the stream's last sequence number read twice, each
     * read in a transaction of its own, and the instrument read for every line). Before lines shared
     * transactions, and before known programmes and groups were remembered: 16.05.
     */
    private static final double STATEMENTS_PER_LINE = 9.2;
    /**
     * Round trips an accepted line may cost: its statements less the batched insert, and its savepoint set and
     * released. Measured: 10.10 (11.11 with the last sequence number read). With a transaction each: 22.08 (8
     * commits a line); before: 24.09.
     */
    private static final double ROUND_TRIPS_PER_LINE = 10.3;

    @Autowired
    JdbcWork work;
    @Autowired
    BatchRunner runner;
    @Autowired
    SurveyLines surveyLines;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    Validator validator;

    @Test
    void aBatchOfSubmissionsCostsNoMoreStatementsAndRoundTripsPerLineThanItsBoundAndCommitsOncePerRun()
            throws Exception {
        List<String> lines = submissions("r-work-", "p-work-");

        JdbcWork.Counts before = work.counts();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-responses/batch"))
                .header("Authorization", "Bearer " + SCHOOL_KEY)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(4))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(),
                HttpResponse.BodyHandlers.ofString());
        JdbcWork.Counts spent = work.counts().minus(before);

        List<JsonNode> results = ndjson(response);
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactlyElementsOf(expectedStatuses());
        report("shared transactions", spent);
        assertThat(perAccepted(spent.statements())).isLessThanOrEqualTo(STATEMENTS_PER_LINE);
        assertThat(perAccepted(spent.roundTrips())).isLessThanOrEqualTo(ROUND_TRIPS_PER_LINE);
        assertThat(runner.properties().linesPerTransaction() * TRANSACTIONS).isGreaterThanOrEqualTo(LINES);
        assertThat(spent.commits()).isEqualTo(TRANSACTIONS);
        assertThat(spent.savepoints()).isEqualTo(LINES);
    }

    /** The bounds can fail: the same lines with a transaction each, as every line ran before, exceed them. */
    @Test
    void theSameLinesWithATransactionEachExceedTheBounds() throws Exception {
        List<String> lines = submissions("r-alone-", "p-alone-");
        BatchRunner oneByOne = new BatchRunner(runner.properties(), mapper, validator);

        JdbcWork.Counts before = work.counts();
        List<LineResult> results = work.counting(() -> oneByOne.runAll(lines, line -> surveyLines.submit(SCHOOL, line)));
        JdbcWork.Counts spent = work.counts().minus(before);

        assertThat(results).extracting(LineResult::status).containsExactlyElementsOf(expectedStatuses());
        report("one transaction a line", spent);
        assertThat(perAccepted(spent.statements())).isGreaterThan(STATEMENTS_PER_LINE);
        assertThat(perAccepted(spent.roundTrips())).isGreaterThan(ROUND_TRIPS_PER_LINE);
        assertThat(spent.commits()).isGreaterThanOrEqualTo(RESPONSES);
    }

    /**
     * {@value #RESPONSES} submissions of different participants, then: another response for the first one's slot
     * (409), the first submission again (200) and one with an answer out of range (422).
     */
    private static List<String> submissions(String responsePrefix, String participantPrefix) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RESPONSES; i++) {
            lines.add(JSON.writeValueAsString(submission(responsePrefix + i, participantPrefix + i, "pss-10-style",
                    Timepoint.BASELINE, allItems(10, i % 5))));
        }
        lines.add(JSON.writeValueAsString(submission(responsePrefix + "second", participantPrefix + 0,
                "pss-10-style", Timepoint.BASELINE, allItems(10, 1))));
        lines.add(lines.get(0));
        java.util.Map<String, Integer> outOfRange = allItems(10, 1);
        outOfRange.put("3", 9);
        lines.add(JSON.writeValueAsString(submission(responsePrefix + "bad", participantPrefix + "bad",
                "pss-10-style", Timepoint.BASELINE, outOfRange)));
        return lines;
    }

    private static List<Integer> expectedStatuses() {
        List<Integer> statuses = new ArrayList<>(java.util.Collections.nCopies(RESPONSES, 201));
        statuses.addAll(List.of(409, 200, 422));
        return statuses;
    }

    private static double perAccepted(long count) {
        return (double) count / (RESPONSES + 1);
    }

    private static void report(String how, JdbcWork.Counts spent) {
        System.out.printf("%s, %d lines (%d accepted): %.2f statements, %.2f round trips per accepted line; "
                        + "%d commits, %d savepoints%n", how, LINES, RESPONSES + 1, perAccepted(spent.statements()),
                perAccepted(spent.roundTrips()), spent.commits(), spent.savepoints());
    }
}
