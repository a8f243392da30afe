package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers sized to the question, counted in the bytes the client receives: {@code units=none} is the pooled figures
 * alone and does not grow with the units behind them, while {@code units=all} grows by every row; pages of the rows
 * cover every unit once, in the answer's order; every figure is the same whichever rows are shown; and the CSV goes
 * out as it is written. The institutions {@code size-…} are this test's own.
 */
class SizedAnswersIT extends AnalyticsIntegrationTest {

    private static final String PREFIX = "size-";
    /** Groups per institution, as {@link ReadCostIT#publishInstitutions(String, int, int, int)} forms them. */
    private static final int GROUPS = 5;
    private static final String COMPARISON = "/api/v1/analytics/comparison?instrument=jse-style&moderator=meetingFrequency";
    private static final String REGRESSION = "/api/v1/analytics/meta-regression?instrument=jse-style&moderators=meanAttendance";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anAnswerWithoutRowsStaysSmallAndPagesCoverEveryUnitOnceWithTheSameFigures() throws Exception {
        publishInstitutions(0, 2);
        releaseWhenCaughtUp();
        byte[] noneBefore = bytes(COMPARISON + "&units=none");
        byte[] allBefore = bytes(COMPARISON);

        publishInstitutions(2, 8);
        releaseWhenCaughtUp();
        byte[] noneAfter = bytes(COMPARISON + "&units=none");
        byte[] allAfter = bytes(COMPARISON);

        int added = 6 * GROUPS;
        // Thirty more rows of a few hundred bytes each in the whole answer; none of them without the rows, whose
        // answer has no more values than before (its log positions aside, one per partition written to), and whose
        // bytes grow only by the digits of its numbers and those positions.
        assertThat(allAfter.length).as("units=all bytes").isGreaterThan(allBefore.length + added * 200);
        assertThat(values(json(noneAfter))).as("units=none values").isLessThanOrEqualTo(values(json(noneBefore)));
        assertThat(noneAfter.length).as("units=none bytes").isLessThanOrEqualTo(noneBefore.length + 320);

        for (String question : List.of(COMPARISON, REGRESSION)) {
            ObjectNode all = json(bytes(question));
            ObjectNode none = json(bytes(question + "&units=none"));
            List<String> units = new ArrayList<>();
            all.path("rows").forEach(row -> units.add(row.path("unitId").asText()));
            assertThat(units).as(question).hasSizeGreaterThanOrEqualTo(8 * GROUPS);
            assertThat(all.path("page").path("total").asInt()).isEqualTo(units.size());
            assertThat(none.path("rows").isNull()).as("rows of units=none").isTrue();
            assertThat(none.path("page").path("total").asInt()).isEqualTo(units.size());
            assertThat(figures(none)).as(question + " without rows").isEqualTo(figures(all));

            List<String> paged = new ArrayList<>();
            int limit = 7;
            for (int offset = 0; offset < units.size() + limit; offset += limit) {
                ObjectNode page = json(bytes(question + "&units=page&offset=" + offset + "&limit=" + limit));
                page.path("rows").forEach(row -> paged.add(row.path("unitId").asText()));
                assertThat(page.path("page").path("total").asInt()).isEqualTo(units.size());
                assertThat(figures(page)).as(question + " page at " + offset).isEqualTo(figures(all));
            }
            assertThat(paged).as(question + ": every unit once, in order").isEqualTo(units);
        }

        Answer refused = get(COMPARISON + "&units=page&limit=100000", RESEARCHER_KEY);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").path(0).path("field").asText()).isEqualTo("limit");
        assertThat(get(REGRESSION + "&units=few", RESEARCHER_KEY).body().path("errors").path(0).path("field")
                .asText()).isEqualTo("units");
    }

    /** Larger than the container's response buffer, the CSV comes chunked: its length was never known whole. */
    @Test
    void theEffectSizeCsvIsStreamed() throws Exception {
        publishInstitutions(0, 2);
        releaseWhenCaughtUp();

        HttpResponse<byte[]> csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/analytics/effect-sizes.csv?instrument=jse-style"))
                .header("Authorization", "Bearer " + RESEARCHER_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().length).as("bigger than Tomcat's 8 KiB response buffer").isGreaterThan(8 * 1024);
        assertThat(csv.headers().firstValue("Content-Length")).as("a length known only once all was held").isEmpty();
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().count()).isGreaterThan(2L * GROUPS);
    }

    /** The fields and values of an answer, its log positions left out: what it holds, whatever its digits. */
    private static int values(ObjectNode answer) {
        ObjectNode counted = answer.deepCopy();
        counted.remove("logPosition");
        if (counted.path("release").isObject()) {
            ((ObjectNode) counted.get("release")).remove("logPosition");
        }
        return count(counted);
    }

    private static int count(com.fasterxml.jackson.databind.JsonNode node) {
        int n = 1;
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    /** The answer without what depends on which rows it shows. */
    private static ObjectNode figures(ObjectNode answer) {
        ObjectNode figures = answer.deepCopy();
        figures.remove(List.of("rows", "page", "excluded"));
        return figures;
    }

    private static ObjectNode json(byte[] body) throws IOException {
        return (ObjectNode) JSON.readTree(body);
    }

    /** The answer's bytes as the client receives them. */
    private byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + RESEARCHER_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return answer.body();
    }

    /** This test's institutions {@code from} to {@code to} − 1: one programme, five groups of six with their scores. */
    private static void publishInstitutions(int from, int to) {
        ReadCostIT.publishInstitutions(PREFIX, from, to, 2);
    }
}
