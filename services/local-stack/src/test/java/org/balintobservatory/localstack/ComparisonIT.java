package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A researcher's comparison through every real part: questionnaires posted at the gateway are scored by
 * the survey service, published to Kafka, folded into paired moments by analytics, and pooled. The
 * expected numbers are computed here from the posted scores alone: SMCR by its definition (Becker 1988,
 * metafor's escalc "SMCR") and the DerSimonian–Laird estimate by its closed form (DerSimonian and Laird
 * 1986), independently of the services' code.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class ComparisonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Per group: baseline and post empathy totals of six participants (20–140). */
    private static final Map<String, double[][]> SCORES = new LinkedHashMap<>();

    static {
        SCORES.put("g-small", new double[][] {{90, 101, 95, 88, 110, 99}, {99, 108, 97, 95, 117, 104}});
        SCORES.put("g-medium", new double[][] {{100, 92, 85, 97, 105, 111}, {104, 93, 92, 99, 109, 111}});
        SCORES.put("g-large", new double[][] {{95, 99, 103, 87, 92, 100}, {96, 98, 106, 88, 95, 101}});
        // Below the minimum cell size of 5: must be left out of everything.
        SCORES.put("g-tiny", new double[][] {{80, 85, 90, 95}, {120, 125, 130, 135}});
    }

    /**
     * What a researcher sees: the programme (22) minus the three groups of six would give back g-tiny's 4,
     * so secondary suppression also hides the smallest visible group, the first by id of three equals.
     */
    private static final List<String> SHOWN = List.of("g-small", "g-medium");

    /** The planned sizes 5, 9 and 13 as the groupSize moderator buckets them: how rows name their group. */
    private static final Map<String, String> SIZE_LEVEL = Map.of("<=6", "g-small", "7-9", "g-medium", ">=13", "g-large");

    private static String base;
    private static String researcher;

    @BeforeAll
    static void load(SharedStack.Running stack) throws Exception {
        base = stack.baseUrl();
        researcher = stack.stack().keys().researcher();
        String school = stack.stack().keys().school();

        send(school, "POST", "/api/v1/programmes", """
                {"programmeId":"cmp-2026","name":"Comparison cohort","participantType":"RESIDENT",
                 "arm":"INTERVENTION","country":"DE","startsOn":"2026-01-05"}""");
        int size = 5;
        for (Map.Entry<String, double[][]> group : SCORES.entrySet()) {
            send(school, "POST", "/api/v1/groups", """
                    {"groupId":"%s","programmeId":"cmp-2026","formedOn":"2026-01-05",
                     "design":{"plannedSize":%d,"meetingFrequency":"WEEKLY","sessionMinutes":90,"format":"IN_PERSON",
                               "facilitation":{"style":"CLASSIC_BALINT","leaders":1,"leaderBackgrounds":["GP"],
                                               "accreditedLeader":true}}}""".formatted(group.getKey(), size));
            size += 4;
            double[][] scores = group.getValue();
            for (int p = 0; p < scores[0].length; p++) {
                String participant = group.getKey() + "-p" + p;
                for (int t = 0; t < 2; t++) {
                    send(school, "POST", "/api/v1/survey-responses", """
                            {"responseId":"%s-%d","participantId":"%s","programmeId":"cmp-2026","groupId":"%s",
                             "instrument":"jse-style","timepoint":"%s","completedOn":"%s",
                             "scores":{"total":%s}}""".formatted(participant, t, participant, group.getKey(),
                            t == 0 ? "BASELINE" : "POST", t == 0 ? "2026-01-12" : "2026-06-15", scores[t][p]));
                }
            }
        }
        stack.stack().cutRelease();
    }

    @Test
    void theComparisonEqualsSmcrAndDerSimonianLairdComputedFromThePostedScores() throws Exception {
        String query = "/api/v1/analytics/comparison?instrument=jse-style&scale=total&from=BASELINE&to=POST"
                + "&method=DL&moderator=groupSize";
        JsonNode answer = get(query);

        List<String> groups = SHOWN;
        double sw = 0, swy = 0, sw2 = 0;
        double[] yi = new double[2];
        double[] vi = new double[2];
        for (int i = 0; i < 2; i++) {
            double[][] s = SCORES.get(groups.get(i));
            int n = s[0].length;
            double mx = mean(s[0]), my = mean(s[1]);
            double sxx = 0, syy = 0, sxy = 0;
            for (int p = 0; p < n; p++) {
                sxx += (s[0][p] - mx) * (s[0][p] - mx);
                syy += (s[1][p] - my) * (s[1][p] - my);
                sxy += (s[0][p] - mx) * (s[1][p] - my);
            }
            double r = sxy / Math.sqrt(sxx * syy);
            double m = n - 1;
            double j = Math.exp(LogGamma.value(m / 2) - Math.log(Math.sqrt(m / 2)) - LogGamma.value((m - 1) / 2));
            yi[i] = j * (my - mx) / Math.sqrt(sxx / (n - 1));
            vi[i] = 2 * (1 - r) / n + yi[i] * yi[i] / (2 * n);
            sw += 1 / vi[i];
            swy += yi[i] / vi[i];
            sw2 += 1 / (vi[i] * vi[i]);
        }
        double fixed = swy / sw;
        double q = 0;
        for (int i = 0; i < 2; i++) {
            q += (yi[i] - fixed) * (yi[i] - fixed) / vi[i];
        }
        double tau2 = Math.max(0, (q - 1) / (sw - sw2 / sw));
        double sws = 0, swsy = 0;
        for (int i = 0; i < 2; i++) {
            sws += 1 / (vi[i] + tau2);
            swsy += yi[i] / (vi[i] + tau2);
        }

        assertThat(answer.path("k").asInt()).isEqualTo(2);
        // g-tiny, new with 4 participants, is held back by the release with nothing published before; g-large
        // would give it away by subtraction. Both are counted, each by its reason.
        assertThat(answer.path("suppressedUnits").asInt()).as("g-tiny and g-large").isEqualTo(2);
        assertThat(answer.path("withheldUnits").path("heldBack").asInt()).as("g-tiny").isEqualTo(1);
        assertThat(answer.path("withheldUnits").path("secondary").asInt()).as("g-large").isEqualTo(1);
        assertThat(answer.path("withheldUnits").path("belowThreshold").asInt()).isZero();
        assertThat(answer.path("direction").asText()).isEqualTo("HIGHER_IS_BETTER");
        assertThat(answer.path("logPosition").size()).isPositive();
        assertThat(answer.path("release").path("name").asText()).isNotBlank();
        for (JsonNode row : answer.path("rows")) {
            // Researchers see opaque ids, never the school's own.
            assertThat(row.path("unitId").asText()).doesNotContain("g-small").doesNotContain("g-medium");
            int i = groups.indexOf(SIZE_LEVEL.get(row.path("moderators").path("groupSize").asText()));
            assertThat(row.path("yi").asDouble()).isCloseTo(yi[i], within(1e-9));
            assertThat(row.path("vi").asDouble()).isCloseTo(vi[i], within(1e-9));
        }
        JsonNode overall = answer.path("overall");
        assertThat(overall.path("q").asDouble()).isCloseTo(q, within(1e-9));
        assertThat(overall.path("tau2").asDouble()).isCloseTo(tau2, within(1e-9));
        assertThat(overall.path("estimate").asDouble()).isCloseTo(swsy / sws, within(1e-9));
        assertThat(overall.path("se").asDouble()).isCloseTo(Math.sqrt(1 / sws), within(1e-9));
        // planned sizes 5 and 9; levels in the order metafor's factor() gives them
        assertThat(answer.path("levels")).extracting(l -> l.path("level").asText())
                .containsExactly("7-9", "<=6");
    }

    @Test
    void theCsvCarriesTheSameRowsForR() throws Exception {
        String query = "?instrument=jse-style&scale=total&from=BASELINE&to=POST";
        JsonNode answer = get("/api/v1/analytics/comparison" + query);
        assertThat(answer.path("k").asInt()).isEqualTo(2);
        HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/analytics/effect-sizes.csv" + query))
                .header("Authorization", "Bearer " + researcher).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("unit,institution,yi,vi,n,groupSize");
        assertThat(lines).hasSize(3);
        for (JsonNode row : answer.path("rows")) {
            String line = lines.stream().filter(l -> l.startsWith("\"" + row.path("unitId").asText() + "\"")).findFirst()
                    .orElseThrow();
            String[] cells = line.split(",");
            assertThat(Double.parseDouble(cells[2])).isEqualTo(row.path("yi").asDouble());
            assertThat(Double.parseDouble(cells[3])).isEqualTo(row.path("vi").asDouble());
        }
    }

    @Test
    void aDateRangeKeepsOnlyCohortsWhoseProgrammeStartedInIt() throws Exception {
        String query = "/api/v1/analytics/comparison?instrument=jse-style&method=DL";
        assertThat(get(query).path("k").asInt()).isEqualTo(2);

        // the programme started on 2026-01-05
        assertThat(get(query + "&since=2026-01-01&until=2026-01-31").path("k").asInt()).isEqualTo(2);
        assertThat(get(query + "&since=2026-01-06").path("k").asInt()).isZero();
        assertThat(get(query + "&until=2025-12-31").path("k").asInt()).isZero();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + researcher).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void send(String key, String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 201);
    }
}
