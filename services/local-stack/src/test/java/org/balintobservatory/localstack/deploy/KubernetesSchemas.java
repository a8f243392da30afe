package org.balintobservatory.localstack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.balintobservatory.localstack.deploy.Yamls.list;
import static org.balintobservatory.localstack.deploy.Yamls.map;

/**
 * The schemas a cluster checks an object against, from the copies in {@code deploy/schemas} ({@code refresh.sh} there
 * fetches them again from their pinned releases): the API of each supported Kubernetes version, and the
 * CustomResourceDefinitions of the operator versions the deploy workflow installs. The normal test run needs no
 * network and no cluster, and checks exactly the versions the documentation promises rather than whatever is newest.
 *
 * <p>Checked strictly, as {@code kubectl apply} (whose field validation is strict) and {@code kubeconform -strict} do:
 * a field an object's schema does not name is refused, except where a CRD preserves unknown fields. A misspelt field
 * is otherwise dropped in silence by the API server's pruning, or by an operator that does not read it, and the
 * deployment runs without the setting it was written for. Objects of a kind no vendored schema describes are refused
 * too, so a new kind cannot reach the cluster unchecked. What a schema cannot say (CEL rules, admission webhooks,
 * the operators' own checks) is left to the deploy workflow's kind cluster.
 */
final class KubernetesSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String DEFINITIONS = "#/definitions/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    /** Types as written, never coerced ("3" is no integer); formats are not asserted, as kubeconform does not. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .typeLoose(false).formatAssertionsEnabled(false).build();

    /** Per Kubernetes version ("1.32"), its API made strict, and which definition describes each apiVersion and kind. */
    private final Map<String, Api> kubernetes;
    /** Per "apiVersion kind", the served version's openAPIV3Schema of an operator's CRD. */
    private final Map<String, JsonNode> customResources;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private record Api(ObjectNode definitions, Map<String, String> kinds) {
    }

    private KubernetesSchemas(Map<String, Api> kubernetes, Map<String, JsonNode> customResources) {
        this.kubernetes = kubernetes;
        this.customResources = customResources;
    }

    /**
     * Reads {@code kubernetes/v<version>/swagger.json} (the API server's OpenAPI v2 document of that release) and every
     * CustomResourceDefinition in the operators' directories below {@code directory}.
     */
    static KubernetesSchemas vendored(Path directory) {
        Map<String, Api> kubernetes = new TreeMap<>();
        Map<String, JsonNode> customResources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals("swagger.json")) {
                    kubernetes.put(file.getParent().getFileName().toString().replaceFirst("^v", ""), api(file));
                } else if (name.endsWith(".yaml")) {
                    for (Object doc : Yamls.loadAll(file)) {
                        customResources(map(doc), customResources);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kubernetes.isEmpty()) {
            throw new IllegalStateException("no Kubernetes schema (kubernetes/v*/swagger.json) in " + directory);
        }
        return new KubernetesSchemas(kubernetes, customResources);
    }

    /** The Kubernetes versions every object is checked against, oldest first. */
    List<String> kubernetesVersions() {
        return kubernetes.keySet().stream()
                .sorted(Comparator.comparing((String v) -> Integer.parseInt(v.split("\\.")[0]))
                        .thenComparing(v -> Integer.parseInt(v.split("\\.")[1])))
                .toList();
    }

    /** Every "apiVersion kind" an operator's CRD describes. */
    Set<String> customResourceKinds() {
        return customResources.keySet();
    }

    /** Every way an object of these manifests fails its schema in any supported Kubernetes version, named. */
    List<String> check(Manifests m) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> doc : m.docs()) {
            String what = m.source() + ": " + doc.get("kind") + " " + Manifests.name(doc);
            JsonNode instance = json(doc);
            for (String version : kubernetesVersions()) {
                JsonSchema schema = schema(version, String.valueOf(doc.get("apiVersion")), String.valueOf(doc.get("kind")));
                if (schema == null) {
                    violations.add(what + ": no schema for apiVersion " + doc.get("apiVersion") + " kind " + doc.get("kind")
                            + " in Kubernetes " + version + " or the vendored CRDs (deploy/schemas)");
                    continue;
                }
                schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted()
                        .forEach(message -> violations.add(what + " (Kubernetes " + version + "): " + message));
            }
        }
        return violations;
    }

    /** The strict schema of one kind in one Kubernetes version, or null when nothing describes it. */
    private JsonSchema schema(String version, String apiVersion, String kind) {
        String key = version + " " + apiVersion + " " + kind;
        JsonSchema known = compiled.get(key);
        if (known != null) {
            return known;
        }
        Api api = kubernetes.get(version);
        ObjectNode root;
        String builtIn = api.kinds().get(apiVersion + " " + kind);
        JsonNode custom = customResources.get(apiVersion + " " + kind);
        if (builtIn != null) {
            root = NODES.objectNode();
            root.putArray("allOf").addObject().put("$ref", DEFINITIONS + builtIn);
        } else if (custom != null) {
            root = custom.deepCopy();
            // A custom resource's metadata is the API server's ObjectMeta, whatever its CRD says of it.
            ObjectNode properties = root.has("properties") ? (ObjectNode) root.get("properties") : root.putObject("properties");
            properties.putObject("metadata").put("$ref", DEFINITIONS + OBJECT_META);
        } else {
            return null;
        }
        root.put("$schema", "http://json-schema.org/draft-04/schema#");
        root.set("definitions", referenced(root, api.definitions()));
        JsonSchema schema = FACTORY.getSchema(root, CONFIG);
        compiled.put(key, schema);
        return schema;
    }

    /** The definitions a schema reaches through its references, so each kind compiles only what it uses. */
    private static ObjectNode referenced(JsonNode schema, ObjectNode definitions) {
        ObjectNode reached = NODES.objectNode();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(schema));
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject() && node.path("$ref").isTextual() && node.get("$ref").asText().startsWith(DEFINITIONS)) {
                String name = node.get("$ref").asText().substring(DEFINITIONS.length());
                if (!reached.has(name)) {
                    JsonNode definition = definitions.get(name);
                    if (definition == null) {
                        throw new IllegalStateException("the Kubernetes schema has no definition " + name);
                    }
                    reached.set(name, definition);
                    pending.push(definition);
                }
            }
            if (node.isContainerNode()) {
                node.forEach(pending::push);
            }
        }
        return reached;
    }

    private static Api api(Path swagger) {
        try {
            JsonNode definitions = JSON.readTree(swagger.toFile()).get("definitions");
            ObjectNode strict = NODES.objectNode();
            Map<String, String> kinds = new LinkedHashMap<>();
            definitions.fields().forEachRemaining(entry -> {
                String name = entry.getKey();
                JsonNode definition = entry.getValue();
                if (name.endsWith(".api.resource.Quantity")) {
                    // "500m" or 2: the API server reads a quantity from a string or a number.
                    strict.set(name, NODES.objectNode().set("type", NODES.arrayNode().add("string").add("number")));
                } else {
                    strict.set(name, strict(definition));
                }
                definition.path("x-kubernetes-group-version-kind").forEach(gvk -> {
                    String group = gvk.path("group").asText();
                    String version = gvk.path("version").asText();
                    kinds.put((group.isEmpty() ? version : group + "/" + version) + " " + gvk.path("kind").asText(), name);
                });
            });
            return new Api(strict, kinds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void customResources(Map<String, Object> crd, Map<String, JsonNode> into) {
        if (!"CustomResourceDefinition".equals(crd.get("kind"))) {
            return;
        }
        Map<String, Object> spec = map(crd.get("spec"));
        String kind = String.valueOf(map(spec.get("names")).get("kind"));
        for (Object version : list(spec.get("versions"))) {
            Map<String, Object> served = map(version);
            if (Boolean.TRUE.equals(served.get("served"))) {
                JsonNode schema = json(map(map(served.get("schema")).get("openAPIV3Schema")));
                into.put(spec.get("group") + "/" + served.get("name") + " " + kind, strict(schema));
            }
        }
    }

    /**
     * One schema made strict, recursively: an object schema that names its properties refuses any other, unless it
     * preserves unknown fields ({@code x-kubernetes-preserve-unknown-fields}, as an operator's free-form
     * configuration does); int-or-string and nullable fields accept what the API server accepts; formats and the
     * {@code x-} extensions, which the validator would not read as Kubernetes does, are dropped.
     */
    private static JsonNode strict(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "properties", "patternProperties", "definitions" -> {
                    ObjectNode each = out.putObject(key);
                    value.fields().forEachRemaining(p -> each.set(p.getKey(), strict(p.getValue())));
                }
                case "items", "allOf", "anyOf", "oneOf" -> out.set(key, value.isArray() ? strictEach(value) : strict(value));
                case "additionalProperties", "not" -> out.set(key, strict(value));
                case "format", "nullable" -> {
                }
                default -> {
                    if (!key.startsWith("x-")) {
                        out.set(key, value);
                    }
                }
            }
        }
        if (schema.has("properties") && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            out.put("additionalProperties", false);
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)
                || "int-or-string".equals(schema.path("format").asText())) {
            out.remove("anyOf");
            out.set("type", NODES.arrayNode().add("integer").add("string"));
        }
        if (schema.path("nullable").asBoolean(false)) {
            if (out.has("enum")) {
                ((ArrayNode) out.get("enum")).addNull();
            }
            if (out.path("type").isTextual()) {
                out.set("type", NODES.arrayNode().add(out.get("type").asText()).add("null"));
            } else if (out.path("type").isArray()) {
                ((ArrayNode) out.get("type")).add("null");
            } else {
                ObjectNode either = NODES.objectNode();
                either.putArray("anyOf").add(out).addObject().put("type", "null");
                return either;
            }
        }
        return out;
    }

    private static ArrayNode strictEach(JsonNode schemas) {
        ArrayNode out = NODES.arrayNode();
        schemas.forEach(s -> out.add(strict(s)));
        return out;
    }

    /** A manifest as the API server receives it: YAML's timestamps and binary values are JSON strings there. */
    static JsonNode json(Object yaml) {
        if (yaml instanceof Map<?, ?> yamlMap) {
            ObjectNode object = NODES.objectNode();
            yamlMap.forEach((key, value) -> object.set(String.valueOf(key), json(value)));
            return object;
        }
        if (yaml instanceof List<?> yamlList) {
            ArrayNode array = NODES.arrayNode();
            yamlList.forEach(value -> array.add(json(value)));
            return array;
        }
        if (yaml instanceof Date date) {
            return NODES.textNode(date.toInstant().atOffset(ZoneOffset.UTC).toString());
        }
        if (yaml instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        return yaml == null ? NODES.nullNode() : JSON.valueToTree(yaml);
    }
}
