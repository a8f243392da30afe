package org.balintobservatory.localstack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code docker compose config} checks of a Compose file, without Docker: every variable interpolated as the
 * Compose Specification says ({@code $$}, {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}},
 * {@code ${NAME-default}}, {@code ${NAME:?error}}, {@code ${NAME?error}}, {@code ${NAME:+other}},
 * {@code ${NAME+other}}), then the result validated against the specification's JSON schema
 * (deploy/schemas/compose-spec, vendored), which refuses every key it does not name outside {@code x-} extensions.
 * Debian ships only Compose 1.29, which predates the specification this file follows (it refuses the top-level
 * {@code name}), so the schema stands in for the tool.
 */
final class ComposeSpec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .typeLoose(false).formatAssertionsEnabled(false).build();

    private final JsonSchema schema;

    private ComposeSpec(JsonSchema schema) {
        this.schema = schema;
    }

    static ComposeSpec vendored(Path schemas) {
        try {
            JsonNode root = JSON.readTree(Files.readString(schemas.resolve("compose-spec/compose-spec.json")));
            // The file names itself "compose_spec.json", which the validator takes for no URI; its references are
            // all within the file, so an absolute name of its own changes nothing else.
            ((ObjectNode) root).put("$id", "https://raw.githubusercontent.com/compose-spec/compose-spec/main/schema/compose-spec.json");
            return new ComposeSpec(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root, CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param compose     the file as parsed (anchors and merge keys resolved)
     * @param environment the variables set, as an {@code .env} file gives them
     * @return one line per problem: a required variable unset, a variable the environment does not name, or a
     *         schema violation; empty when {@code docker compose config} would accept the file
     */
    List<String> check(Map<String, Object> compose, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Object interpolated = interpolate(compose, environment, "", problems);
        JsonNode instance = JSON.valueToTree(interpolated);
        schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted()
                .forEach(message -> problems.add("schema: " + message));
        return problems;
    }

    /** The variables a file refers to, by name. */
    static Set<String> variables(Object node) {
        Set<String> names = new TreeSet<>();
        walk(node, text -> {
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                String name = m.group(2) != null ? m.group(2) : m.group(5);
                if (name != null) {
                    names.add(name);
                }
            }
        });
        return names;
    }

    /** An {@code .env} file: {@code NAME=value} lines, comments and blank lines skipped. */
    static Map<String, String> environment(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                variables.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    private static Object interpolate(Object node, Map<String, String> environment, String path, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, value) -> out.put(String.valueOf(key),
                    interpolate(value, environment, path + "/" + key, problems)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(interpolate(list.get(i), environment, path + "/" + i, problems));
            }
            return out;
        }
        if (node instanceof String text) {
            return interpolate(text, environment, path, problems);
        }
        return node;
    }

    static String interpolate(String text, Map<String, String> environment, String path, List<String> problems) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = "$";
            } else {
                String name = m.group(2) != null ? m.group(2) : m.group(5);
                String operator = m.group(3);
                String argument = m.group(4) == null ? "" : m.group(4);
                String value = environment.get(name);
                boolean set = value != null;
                boolean nonEmpty = set && !value.isEmpty();
                boolean present = operator != null && operator.startsWith(":") ? nonEmpty : set;
                if (operator == null) {
                    if (!set) {
                        problems.add(path + ": ${" + name + "} is not set");
                    }
                    replacement = set ? value : "";
                } else if (operator.endsWith("-")) {
                    replacement = present ? value : argument;
                } else if (operator.endsWith("?")) {
                    if (!present) {
                        problems.add(path + ": ${" + name + "} is required: " + argument);
                    }
                    replacement = present ? value : "";
                } else {
                    replacement = present ? argument : "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void walk(Object node, java.util.function.Consumer<String> text) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, text));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> walk(value, text));
        } else if (node instanceof String string) {
            text.accept(string);
        }
    }
}
