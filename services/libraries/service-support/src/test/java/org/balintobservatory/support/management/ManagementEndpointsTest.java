package org.balintobservatory.support.management;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.fixture.FixtureApplication;
import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without a key, only whether the service is up: liveness, readiness and the overall status, no details.
 * Metrics, the Prometheus scrape and info answer an ADMIN key only.
 */
class ManagementEndpointsTest extends FixtureTestSupport {

    @Test
    void healthLivenessAndReadinessAnswerWithoutAKeyAndSayNothingButTheStatus() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            RawHttp.Answer answer = send("GET", path, null, null, null);
            assertThat(answer.status()).as(path).isEqualTo(200);
            JsonNode body = json(answer);
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.has("components")).as(path + ": " + answer.body()).isFalse();
            assertThat(body.has("details")).isFalse();
        }
    }

    @Test
    void metricsPrometheusAndInfoAnswerAnAdminKeyOnly() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.threads.live",
                "/actuator/info"}) {
            assertThat(send("GET", path, null, null, null).status()).as(path + " without a key").isEqualTo(401);
            assertThat(send("GET", path, SCHOOL, null, null).status()).as(path + " as SCHOOL").isEqualTo(403);
            assertThat(send("GET", path, RESEARCHER, null, null).status()).as(path + " as RESEARCHER").isEqualTo(403);
            assertThat(send("GET", path, ADMIN, null, null).status()).as(path + " as ADMIN").isEqualTo(200);
        }
        RawHttp.Answer scrape = send("GET", "/actuator/prometheus", ADMIN, null, null);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        assertThat(scrape.body()).contains("# TYPE jvm_threads_live_threads gauge");
    }

    @Test
    void actuatorEndpointsThatAreNotExposedAreNotServed() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump"}) {
            assertThat(send("GET", path, ADMIN, null, null).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void aServiceThatExposesMoreOfActuatorWithoutAKeyDoesNotStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FixtureApplication.class).run(
                "--server.port=0", "--balint.security.registry.enabled=false", "--balint.health.kafka.enabled=false",
                "--management.endpoints.web.exposure.include=health,prometheus,env").close())
                .hasStackTraceContaining("Actuator exposes [env, prometheus] over HTTP without a key");
    }
}
