package org.balintobservatory.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A write endpoint and a request it accepts.
 *
 * @param name        how reports name it, e.g. {@code POST /groups/{groupId}/sessions}
 * @param method      HTTP method
 * @param template    the path with {@code {name}} placeholders
 * @param parameters  valid values of the path placeholders and query parameters, in order
 * @param parameterSpecs what each parameter holds; a parameter absent from the template is a query parameter
 * @param validBody   a body the endpoint accepts, or {@code null} when it takes none
 * @param fields      the body's fields
 */
public record Endpoint(String name, String method, String template, Map<String, String> parameters,
                       List<FieldSpec> parameterSpecs, ObjectNode validBody, List<FieldSpec> fields) {

    public Endpoint {
        parameters = new LinkedHashMap<>(parameters);
        parameterSpecs = List.copyOf(parameterSpecs);
        fields = List.copyOf(fields);
    }

    public static Endpoint withBody(String method, String template, Map<String, String> parameters,
                                    List<FieldSpec> parameterSpecs, ObjectNode validBody, List<FieldSpec> fields) {
        return new Endpoint(method + " " + template, method, template, parameters, parameterSpecs, validBody, fields);
    }

    public static Endpoint withoutBody(String method, String template, Map<String, String> parameters,
                                       List<FieldSpec> parameterSpecs) {
        return new Endpoint(method + " " + template, method, template, parameters, parameterSpecs, null, List.of());
    }

    public boolean hasBody() {
        return validBody != null;
    }

    /** The path and query with these parameter values; a {@code null} query value is left out. */
    public String path(Map<String, String> values) {
        String path = template;
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : values.entrySet()) {
            String placeholder = "{" + p.getKey() + "}";
            if (template.contains(placeholder)) {
                path = path.replace(placeholder, encode(p.getValue()));
            } else if (p.getValue() != null) {
                query.put(p.getKey(), p.getValue());
            }
        }
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + query.entrySet().stream().map(q -> q.getKey() + "=" + encode(q.getValue()))
                .collect(Collectors.joining("&"));
    }

    public String validPath() {
        return path(parameters);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
