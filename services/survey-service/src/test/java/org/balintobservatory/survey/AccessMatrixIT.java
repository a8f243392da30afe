package org.balintobservatory.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.access.PathVariantMatrix;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.web.RequestBodyMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client may send that the survey service must refuse without running a handler or failing: other
 * spellings of its paths, bodies of no type or of the wrong JSON types, and batch lines that are no
 * submission. (The role × endpoint matrix itself is in {@link SurveyServiceIT}.)
 */
class AccessMatrixIT extends SurveyServiceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void noSpellingOfAPathGetsFurtherThanThePathItself() throws Exception {
        assertThat(PathVariantMatrix.violations(mapping, "http://localhost:" + port,
                Map.of(Role.SCHOOL, SCHOOL_KEY, Role.RESEARCHER, RESEARCHER_KEY, Role.ADMIN, ADMIN_KEY),
                Set.of())).isEmpty();
    }

    @Test
    void everyJsonBodyIsReadStrictly() throws Exception {
        assertThat(RequestBodyMatrix.violations(mapping, "http://localhost:" + port,
                Map.of(Role.SCHOOL, SCHOOL_KEY, Role.RESEARCHER, RESEARCHER_KEY, Role.ADMIN, ADMIN_KEY))).isEmpty();
    }

    /** A batch whose second line was null answered 500 for the whole batch; each such line is its own 400. */
    @Test
    void aBatchLineThatIsNoSubmissionIsRefusedOnItsOwn() throws Exception {
        String body = String.join("\n", "null", "[]", "7", "\"text\"", "{\"responseId\":\"r-1\",\"responseId\":\"r-2\"}",
                "{\"responseId\":1.5}", "{");
        RawHttp.Answer answer = RawHttp.send(URI.create("http://localhost:" + port), "POST",
                "/api/v1/survey-responses/batch", "Bearer " + SCHOOL_KEY, "application/x-ndjson", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> results = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            results.add(JSON.readTree(line));
        }
        assertThat(results).hasSize(7);
        for (JsonNode result : results) {
            assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(400);
            assertThat(result.at("/problem/status").asInt()).as(result.toString()).isEqualTo(400);
        }
        assertThat(results.get(4).at("/problem/errors/0/rule").asText()).isEqualTo("duplicate-field");
        assertThat(results.get(4).at("/problem/errors/0/field").asText()).isEqualTo("responseId");
        assertThat(results.get(5).at("/problem/errors/0/field").asText()).isEqualTo("responseId");
    }
}
