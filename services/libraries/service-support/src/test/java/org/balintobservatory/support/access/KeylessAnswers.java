package org.balintobservatory.support.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a caller without a key can get out of a service. Every route of the running application that the
 * access rules let through without a key is called without one, and its answer must carry nothing of a
 * participant: no JSON field under which this project answers a record, an item, a score or a participant
 * id, none of the test fixture's own participant values anywhere in the body or the headers, and no 5xx.
 *
 * <p>Which routes take no key is asked of {@link AccessInterceptor} itself, for every handler Spring's
 * {@link RequestMappingHandlerMapping} holds, the framework's included: a route annotated
 * {@link PublicEndpoint} tomorrow, or let through by a new rule of the interceptor, is scanned the day it
 * exists, without this list being edited.
 *
 * <p>Each keyless route is called twice: once with placeholder path variables and an empty JSON body, which
 * exercises its refusals, and once with the inputs the service's test gives for it ({@link Call}), which get
 * past validation to what the route does with real data. Documents that describe the API (OpenAPI, AsyncAPI)
 * name participant fields by nature; their field names are not scanned, their values are.
 */
public final class KeylessAnswers {

    /** JSON field names under which this project answers participant data (compared case-insensitively). */
    public static final Set<String> PARTICIPANT_FIELDS = Set.of("participantid", "participant", "participants",
            "record", "records", "item", "items", "score", "scores", "answers");

    private static final String PLACEHOLDER = "keyless-probe";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeylessAnswers() {
    }

    /**
     * A valid keyless call of one route.
     *
     * @param path        the path with its variables filled in
     * @param contentType the body's media type
     * @param body        the body, empty for none
     */
    public record Call(String path, String contentType, String body) {
    }

    /** Every route that takes no key, as {@code "METHOD /pattern"}, from the application's own handler mapping. */
    public static Set<String> keylessRoutes(RequestMappingHandlerMapping mapping) {
        Set<String> routes = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (keyless(handler)) {
                routes.addAll(names(info));
            }
        });
        return routes;
    }

    /**
     * @param calls             valid inputs by route ({@code "POST /api/v1/.../{institutionId}"}); a route given
     *                          here that takes a key, or does not exist, is itself a violation, so the input
     *                          cannot go stale unnoticed
     * @param participantValues the fixture's participant data as it could appear in an answer: record and
     *                          participant ids, their pseudonyms, response ids
     * @return one line per answer that carried participant data or failed; empty when none did
     */
    public static List<String> violations(RequestMappingHandlerMapping mapping, String baseUrl, Map<String, Call> calls,
                                          Set<String> participantValues) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> violations = new ArrayList<>();
        Set<String> keyless = keylessRoutes(mapping);
        calls.keySet().stream().filter(route -> !keyless.contains(route))
                .forEach(route -> violations.add(route + ": given inputs, but no route by that name takes no key"));
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            if (!keyless(entry.getValue())) {
                continue;
            }
            String consumes = entry.getKey().getConsumesCondition().getConsumableMediaTypes().stream()
                    .map(Object::toString).findFirst().orElse("application/json");
            for (String route : names(entry.getKey())) {
                String method = route.substring(0, route.indexOf(' '));
                String pattern = route.substring(route.indexOf(' ') + 1);
                List<Call> attempts = new ArrayList<>();
                attempts.add(new Call(pattern.replaceAll("\\{[^}]+}", PLACEHOLDER), consumes,
                        "GET".equals(method) ? "" : "{}"));
                if (calls.containsKey(route)) {
                    attempts.add(calls.get(route));
                }
                for (Call call : attempts) {
                    HttpResponse<String> answer = send(http, baseUrl, method, call);
                    violations.addAll(check(method + " " + call.path(), answer, participantValues));
                }
            }
        }
        return violations;
    }

    /** Whether the service's access rules let a request without a key through to this handler. */
    static boolean keyless(HandlerMethod handler) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        try {
            return new AccessInterceptor().preHandle(request, new MockHttpServletResponse(), handler);
        } catch (Exception refused) {
            return false;
        }
    }

    private static List<String> names(RequestMappingInfo info) {
        List<String> names = new ArrayList<>();
        var methods = info.getMethodsCondition().getMethods();
        for (String path : info.getPatternValues()) {
            if (methods.isEmpty()) {
                names.add("GET " + path);
            }
            methods.forEach(m -> names.add(m.name() + " " + path));
        }
        return names;
    }

    private static HttpResponse<String> send(HttpClient http, String baseUrl, String method, Call call)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = call.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.path())).method(method, body);
        if (!call.body().isEmpty()) {
            request.header("Content-Type", call.contentType());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> check(String call, HttpResponse<String> answer, Set<String> participantValues) {
        List<String> violations = new ArrayList<>();
        if (answer.statusCode() >= 500) {
            violations.add(call + ": answered " + answer.statusCode() + " " + answer.body());
        }
        for (String value : participantValues) {
            if (answer.body().contains(value)) {
                violations.add(call + ": the answer's body carries the participant value " + value);
            }
            answer.headers().map().forEach((name, values) -> values.stream().filter(v -> v.contains(value))
                    .forEach(v -> violations.add(call + ": header " + name + " carries the participant value " + value)));
        }
        for (JsonNode document : json(answer.body())) {
            if (!document.has("openapi") && !document.has("asyncapi")) {
                participantFields(document, "", call, violations);
            }
        }
        return violations;
    }

    /** The body as JSON documents: one, one per NDJSON line, or none when it is not JSON. */
    private static List<JsonNode> json(String body) {
        List<JsonNode> documents = new ArrayList<>();
        try {
            documents.add(JSON.readTree(body));
        } catch (JsonProcessingException notOneDocument) {
            for (String line : body.split("\n")) {
                try {
                    documents.add(JSON.readTree(line));
                } catch (JsonProcessingException notJson) {
                    return List.of();
                }
            }
        }
        documents.removeIf(node -> node == null || node.isMissingNode());
        return documents;
    }

    private static void participantFields(JsonNode node, String at, String call, List<String> violations) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (PARTICIPANT_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                    violations.add(call + ": the answer has field " + at + "/" + field.getKey());
                }
                participantFields(field.getValue(), at + "/" + field.getKey(), call, violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                participantFields(node.get(i), at + "/" + i, call, violations);
            }
        }
    }
}
