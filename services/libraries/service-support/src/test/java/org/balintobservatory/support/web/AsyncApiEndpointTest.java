package org.balintobservatory.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.contract.asyncapi.AsyncApiDocument;
import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI description is served next to the OpenAPI one, without a key, as the contract generates it. */
class AsyncApiEndpointTest extends FixtureTestSupport {

    @Test
    void theTopicsAreDescribedWithoutAKey() throws Exception {
        RawHttp.Answer answer = send("GET", "/api/v1/asyncapi", null, null, null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(answer.body())).isEqualTo(AsyncApiDocument.build(new ObjectMapper()));
        assertThat(json(answer).at("/channels/groupEvents/address").asText()).isEqualTo("balint.group-events.v1");
    }

    @Test
    void itTakesNoBody() throws Exception {
        assertThat(send("POST", "/api/v1/asyncapi", null, "application/json", "{}").status()).isEqualTo(405);
    }
}
