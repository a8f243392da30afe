package org.balintobservatory.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.hostile.PathVariantProbe;
import org.balintobservatory.hostile.RawHttp;
import org.balintobservatory.support.access.Role;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every endpoint that reads a JSON body, sent what a careless or hostile client sends, with a key its rule
 * allows: a wildcard {@code Content-Type} must answer 415, a field given twice 400 naming it
 * ({@code duplicate-field}), and a number or a boolean for a string field 400 naming it ({@code wrong-type}).
 * The body types come from the handlers themselves, so a new endpoint is covered the moment it exists.
 */
public final class RequestBodyMatrix {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBodyMatrix() {
    }

    /** @return one line per endpoint and case that was not refused as it should be; empty when all were */
    public static List<String> violations(RequestMappingHandlerMapping mapping, String baseUrl, Map<Role, String> keys)
            throws IOException {
        URI base = URI.create(baseUrl);
        List<String> violations = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            Allowed allowed = handler.getMethodAnnotation(Allowed.class);
            Class<?> body = bodyType(handler);
            boolean json = entry.getKey().getConsumesCondition().getConsumableMediaTypes().stream()
                    .allMatch(type -> type.getSubtype().contains("json"));
            if (allowed == null || body == null || !body.isRecord() || !json) {
                continue;
            }
            String key = keys.get(allowed.value()[0]);
            String path = entry.getKey().getPatternValues().iterator().next()
                    .replaceAll("\\{[^}]+}", PathVariantProbe.PLACEHOLDER);
            for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                String route = method.name() + " " + path;
                RawHttp.Answer wildcard = send(base, method.name(), path, key, "*/*", "{}");
                if (wildcard.status() != 415) {
                    violations.add(route + " with Content-Type */*: " + wildcard.status() + " " + wildcard.body());
                }
                RecordComponent field = firstNullable(body);
                if (field != null) {
                    String twice = "{\"" + field.getName() + "\":null,\"" + field.getName() + "\":null}";
                    expectField(violations, route + " " + twice, send(base, method.name(), path, key,
                            "application/json", twice), field.getName(), "duplicate-field");
                }
                RecordComponent text = firstString(body);
                if (text != null) {
                    for (String value : List.of("1.5", "7", "true", "{}")) {
                        String wrong = "{\"" + text.getName() + "\":" + value + "}";
                        expectField(violations, route + " " + wrong, send(base, method.name(), path, key,
                                "application/json", wrong), text.getName(), "wrong-type");
                    }
                }
            }
        }
        return violations;
    }

    private static void expectField(List<String> violations, String what, RawHttp.Answer answer, String field,
                                    String rule) throws IOException {
        JsonNode error = answer.status() == 400 ? JSON.readTree(answer.body()).path("errors").path(0) : null;
        if (error == null || !error.path("field").asText().equals(field) || !error.path("rule").asText().equals(rule)) {
            violations.add(what + ": expected 400 " + rule + " naming " + field + ", got " + answer.status() + " "
                    + answer.body());
        }
    }

    private static Class<?> bodyType(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return parameter.getParameterType();
            }
        }
        return null;
    }

    private static RecordComponent firstNullable(Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (!component.getType().isPrimitive()) {
                return component;
            }
        }
        return null;
    }

    private static RecordComponent firstString(Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getType() == String.class) {
                return component;
            }
        }
        return null;
    }

    private static RawHttp.Answer send(URI base, String method, String path, String key, String contentType,
                                       String body) throws IOException {
        return RawHttp.send(base, method, path, "Bearer " + key, contentType, body);
    }
}
