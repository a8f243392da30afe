package org.balintobservatory.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.fixture.FixtureTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body is read as written or refused with 4xx problem details naming the field: never converted, never
 * answered with 5xx. The fixture's body has a field of every JSON type the services read.
 */
class StrictJsonTest extends FixtureTestSupport {

    private RawHttp.Answer post(String contentType, String body) throws Exception {
        return send("POST", "/api/v1/things", ADMIN, contentType, body);
    }

    @Test
    void aWellFormedBodyIsReadAsWritten() throws Exception {
        RawHttp.Answer answer = post("application/json", """
                {"label":"cohort A","size":8,"weight":2,"active":true,"role":"SCHOOL","on":"2026-01-05",
                 "items":[{"status":"PRESENT","count":1}]}""");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        // An integer where a decimal is expected is the same number: 2 is 2.0.
        assertThat(json(answer).path("weight").asDouble()).isEqualTo(2.0);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @CsvSource(delimiter = '|', value = {"*/*", "*/*; charset=utf-8", "application/*", "text/plain", "application/xml",
            "json", "application/", ";;"})
    void aBodyOfAnotherTypeIs415(String contentType) throws Exception {
        RawHttp.Answer answer = post(contentType, "{\"label\":\"cohort A\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(415);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json(answer).path("type").asText()).endsWith("/unsupported-media-type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"label\":\"a\",\"label\":\"b\"}                                        | label",
            "{\"label\":\"a\",\"size\":1,\"size\":2}                                  | size",
            "{\"label\":\"a\",\"items\":[{\"status\":\"X\"},{\"status\":\"X\",\"status\":\"Y\"}]} | items[1].status"})
    void aFieldGivenTwiceIs400NamingIt(String body, String field) throws Exception {
        RawHttp.Answer answer = post("application/json", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode error = json(answer).path("errors").path(0);
        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("rule").asText()).isEqualTo("duplicate-field");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Not a string: a number, a boolean, an object, an array.
            "{\"label\":1.5}                     | label",
            "{\"label\":7}                       | label",
            "{\"label\":true}                    | label",
            "{\"label\":{\"a\":1}}               | label",
            "{\"label\":\"a\",\"items\":[{\"status\":false}]} | items[0].status",
            // Not a whole number: a string, a fraction, a boolean.
            "{\"label\":\"a\",\"size\":\"8\"}    | size",
            "{\"label\":\"a\",\"size\":8.5}      | size",
            "{\"label\":\"a\",\"size\":true}     | size",
            // Not a decimal: a string.
            "{\"label\":\"a\",\"weight\":\"1.5\"} | weight",
            // Not a boolean: a number, a string.
            "{\"label\":\"a\",\"active\":1}      | active",
            "{\"label\":\"a\",\"active\":\"true\"} | active",
            // Not a role: its position in the list.
            "{\"label\":\"a\",\"role\":0}        | role",
            // Not a date: a number.
            "{\"label\":\"a\",\"on\":20260105}   | on"})
    void aValueOfTheWrongJsonTypeIs400NamingTheField(String body, String field) throws Exception {
        RawHttp.Answer answer = post("application/json", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode error = json(answer).path("errors").path(0);
        assertThat(error.path("field").asText()).as(answer.body()).isEqualTo(field);
        assertThat(error.path("rule").asText()).as(answer.body()).isEqualTo("wrong-type");
    }

    @Test
    void aRequiredStringSentAsNullIs400NamingIt() throws Exception {
        RawHttp.Answer answer = post("application/json", "{\"label\":null}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(json(answer).path("errors").path(0).path("field").asText()).isEqualTo("label");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"null", "[]", "\"text\"", "7", "{", "{\"label\":\"a\"} {}"})
    void aBodyThatIsNoObjectIs400(String body) throws Exception {
        RawHttp.Answer answer = post("application/json", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }
}
