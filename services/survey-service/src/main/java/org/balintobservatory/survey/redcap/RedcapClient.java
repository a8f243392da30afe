package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * REDCap's Export Records method, as its API documentation gives it: a form POST to {@code <baseUrl>/api/}
 * with {@code token}, {@code content=record}, {@code action=export}, {@code format=json}, {@code type=flat},
 * {@code fields[n]}, optionally {@code events[n]}, {@code records[n]} and {@code dateRangeBegin}, and
 * {@code returnFormat=json}, so that an error comes back as {@code {"error": "..."}}. Every value of a flat
 * record is a string; repeating instruments add {@code redcap_repeat_instrument} and
 * {@code redcap_repeat_instance}, longitudinal projects {@code redcap_event_name}.
 */
@Component
class RedcapClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper mapper;
    private final RedcapAddresses addresses;

    RedcapClient(ObjectMapper mapper, RedcapAddresses addresses) {
        this.mapper = mapper;
        this.addresses = addresses;
    }

    /**
     * The mapped fields of the project's records, only those changed since {@code since} (REDCap's
     * {@code Y-M-D H:M:S}, server time) when given, only {@code record} when given.
     */
    List<Map<String, String>> exportRecords(RedcapMapping mapping, String token, String since, String record)
            throws InterruptedException {
        addresses.check(mapping.baseUrl());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("content", "record");
        form.put("action", "export");
        form.put("format", "json");
        form.put("type", "flat");
        form.put("rawOrLabel", "raw");
        form.put("returnFormat", "json");
        List<String> fields = new ArrayList<>(List.of(mapping.recordIdField(), mapping.completedOnField(),
                mapping.redcapInstrument() + "_complete"));
        fields.addAll(mapping.items().values());
        for (int i = 0; i < fields.size(); i++) {
            form.put("fields[" + i + "]", fields.get(i));
        }
        if (mapping.longitudinal()) {
            List<String> events = List.copyOf(mapping.events().keySet());
            for (int i = 0; i < events.size(); i++) {
                form.put("events[" + i + "]", events.get(i));
            }
        }
        if (record != null) {
            form.put("records[0]", record);
        }
        if (since != null) {
            form.put("dateRangeBegin", since);
        }
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(mapping.apiUrl())).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RuleViolationException("mapping.baseUrl", "redcap-reachable",
                    "REDCap at " + mapping.baseUrl() + " did not answer");
        }
        if (response.statusCode() != 200) {
            throw new RuleViolationException("token", "redcap-accepts",
                    "REDCap answered " + response.statusCode() + ": " + error(response.body()));
        }
        try {
            return mapper.readValue(response.body(), new TypeReference<List<Map<String, String>>>() { });
        } catch (IOException e) {
            throw new RuleViolationException("mapping.baseUrl", "redcap-records",
                    "REDCap's answer is not a list of flat JSON records");
        }
    }

    /** REDCap's own message, {@code {"error": "..."}}, or the start of whatever it sent. */
    private String error(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: say what came
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
