package org.balintobservatory.support.access;

import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reaches which handler, in a small application with the shared access configuration: the decision is
 * taken on the handler Spring MVC dispatches to, fails closed for a handler without a rule, and no spelling
 * of a path gets further than the path itself.
 */
class AccessEnforcementTest extends FixtureTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theSchoolKeyOfTheFindingReachesNoAdminHandlerThroughMatrixParametersOrAnEncodedLetter() throws Exception {
        String body = "{\"label\":\"escalated\"}";
        for (String target : List.of("/api;x=1/v1/things", "/%61pi/v1/things", "/api/v1;/things", "/api/v1/things;x=1")) {
            RawHttp.Answer answer = send("POST", target, SCHOOL, "application/json", body);
            assertThat(answer.status()).as(target + ": " + answer.body()).isEqualTo(400);
            assertThat(json(answer).path("type").asText()).endsWith("/non-canonical-path");
        }
        assertThat(send("POST", "/api/v1/things", SCHOOL, "application/json", body).status()).isEqualTo(403);
    }

    @Test
    void noPathVariantGetsFurtherThanItsCanonicalPathForAnyKey() throws Exception {
        assertThat(AccessRules.of(mapping)).extracting(AccessRules.Route::path)
                .contains("/api/v1/things", "/internal/status", "/actuator/prometheus");

        assertThat(PathVariantMatrix.violations(mapping, base().toString(),
                Map.of(Role.SCHOOL, SCHOOL, Role.RESEARCHER, RESEARCHER, Role.ADMIN, ADMIN), Set.of())).isEmpty();
    }

    @Test
    void aHandlerWithoutARuleIsRefusedToEveryKeyWhateverItsPath() throws Exception {
        for (String path : List.of("/api/v1/unruled", "/internal/unruled")) {
            RawHttp.Answer answer = send("GET", path, ADMIN, null, null);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(json(answer).path("detail").asText()).contains("no access rule");
        }
    }

    @Test
    void aRuleIsEnforcedOnAHandlerOutsideApi() throws Exception {
        assertThat(send("GET", "/internal/status", SCHOOL, null, null).status()).isEqualTo(403);
        assertThat(send("GET", "/internal/status", null, null, null).status()).isEqualTo(401);
        assertThat(send("GET", "/internal/status", ADMIN, null, null).status()).isEqualTo(200);
    }

    @Test
    void theErrorPageIsNoRouteOfItsOwn() throws Exception {
        RawHttp.Answer answer = send("GET", "/error", null, null, null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theMatrixFindsEveryRuleOfTheFixture() {
        assertThat(AccessRules.of(mapping)).filteredOn(r -> !r.declaresRule()).extracting(AccessRules.Route::path)
                .containsExactlyInAnyOrder("/api/v1/unruled", "/internal/unruled");
    }
}
