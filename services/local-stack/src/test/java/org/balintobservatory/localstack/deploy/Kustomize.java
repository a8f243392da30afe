package org.balintobservatory.localstack.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a Kustomize directory the way {@code kubectl kustomize} does for the features deploy/kubernetes uses:
 * resources (files and directories), config-map and secret generators, images (new tags), replicas, labels on
 * metadata, the namespace, strategic-merge patches (maps merged, containers merged by name, other lists replaced) and JSON 6902
 * patches (add, replace, remove) with a kind and name-pattern target. Anything else in a kustomization is
 * refused, so a manifest that relies on a feature this renderer lacks fails the test instead of passing
 * unchecked. Where kubectl is installed, a test compares this rendering with the real one.
 */
final class Kustomize {

    private static final List<String> KNOWN = List.of("apiVersion", "kind", "resources", "configMapGenerator",
            "secretGenerator", "generatorOptions", "images", "replicas", "patches", "namespace", "labels");

    private Kustomize() {
    }

    static List<Map<String, Object>> build(Path directory) {
        Map<String, Object> kustomization = Yamls.map(Yamls.loadAll(directory.resolve("kustomization.yaml")).get(0));
        for (String key : kustomization.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + key + "' is not rendered here");
            }
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object resource : Yamls.list(kustomization.get("resources"))) {
            Path path = directory.resolve((String) resource).normalize();
            if (Files.isDirectory(path)) {
                docs.addAll(build(path));
            } else {
                Yamls.loadAll(path).forEach(doc -> docs.add(Yamls.map(doc)));
            }
        }
        Map<String, Object> generatorOptions = Yamls.map(kustomization.get("generatorOptions"));
        for (Object generator : Yamls.list(kustomization.get("configMapGenerator"))) {
            docs.add(generated("ConfigMap", Yamls.map(generator), generatorOptions, directory));
        }
        for (Object generator : Yamls.list(kustomization.get("secretGenerator"))) {
            docs.add(generated("Secret", Yamls.map(generator), generatorOptions, directory));
        }
        for (Object patch : Yamls.list(kustomization.get("patches"))) {
            applyPatch(docs, Yamls.map(patch), directory);
        }
        for (Object image : Yamls.list(kustomization.get("images"))) {
            Map<String, Object> rule = Yamls.map(image);
            docs.forEach(doc -> retag(doc, (String) rule.get("name"), (String) rule.get("newTag")));
        }
        for (Object replicas : Yamls.list(kustomization.get("replicas"))) {
            Map<String, Object> rule = Yamls.map(replicas);
            docs.stream().filter(doc -> Manifests.isWorkload(doc) && rule.get("name").equals(Manifests.name(doc)))
                    .forEach(doc -> Yamls.map(doc.get("spec")).put("replicas", rule.get("count")));
        }
        for (Object labels : Yamls.list(kustomization.get("labels"))) {
            Map<String, Object> rule = Yamls.map(labels);
            if (Boolean.TRUE.equals(rule.get("includeSelectors")) || Boolean.TRUE.equals(rule.get("includeTemplates"))) {
                throw new IllegalArgumentException(directory + ": labels on selectors or templates are not rendered here");
            }
            docs.forEach(doc -> {
                Map<String, Object> metadata = Yamls.map(doc.get("metadata"));
                Map<String, Object> merged = new LinkedHashMap<>(Yamls.map(metadata.get("labels")));
                merged.putAll(Yamls.map(rule.get("pairs")));
                metadata.put("labels", merged);
            });
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            docs.stream().filter(doc -> !"Namespace".equals(doc.get("kind")))
                    .forEach(doc -> Yamls.map(doc.get("metadata")).put("namespace", namespace));
        }
        return docs;
    }

    /** A generated ConfigMap or Secret (values base64-encoded, as Kubernetes stores them), without a name hash. */
    private static Map<String, Object> generated(String kind, Map<String, Object> generator,
                                                 Map<String, Object> generatorOptions, Path directory) {
        Map<String, Object> options = new LinkedHashMap<>(generatorOptions);
        options.putAll(Yamls.map(generator.get("options")));
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new IllegalArgumentException(directory + ": generated " + kind + " names with a hash are not rendered here");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object literal : Yamls.list(generator.get("literals"))) {
            String text = (String) literal;
            int eq = text.indexOf('=');
            data.put(text.substring(0, eq), text.substring(eq + 1));
        }
        for (Object file : Yamls.list(generator.get("files"))) {
            Path path = directory.resolve((String) file);
            try {
                data.put(path.getFileName().toString(), Files.readString(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if ("Secret".equals(kind)) {
            data.replaceAll((key, value) -> Base64.getEncoder().encodeToString(
                    ((String) value).getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", generator.get("name"));
        if (options.get("labels") != null) {
            metadata.put("labels", new LinkedHashMap<>(Yamls.map(options.get("labels"))));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "v1");
        doc.put("kind", kind);
        doc.put("metadata", metadata);
        if (generator.get("type") != null) {
            doc.put("type", generator.get("type"));
        } else if ("Secret".equals(kind)) {
            doc.put("type", "Opaque");
        }
        doc.put("data", data);
        return doc;
    }

    private static void applyPatch(List<Map<String, Object>> docs, Map<String, Object> patch, Path directory) {
        Map<String, Object> target = patch.get("target") == null ? Map.of() : Yamls.map(patch.get("target"));
        List<Object> contents = Yamls.loadAll(directory.resolve((String) patch.get("path")));
        for (Object content : contents) {
            if (content instanceof List<?> operations) {
                List<Map<String, Object>> matched = docs.stream().filter(doc -> matches(doc, target)).toList();
                if (matched.isEmpty()) {
                    throw new IllegalArgumentException(patch + " matches nothing");
                }
                matched.forEach(doc -> operations.forEach(op -> JsonPatch.apply(doc, Yamls.map(op))));
            } else {
                Map<String, Object> partial = Yamls.map(content);
                Map<String, Object> doc = docs.stream()
                        .filter(d -> d.get("kind").equals(partial.get("kind"))
                                && Manifests.name(d).equals(Manifests.name(partial)) && matches(d, target))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(patch + " matches nothing"));
                merge(doc, partial);
            }
        }
    }

    private static boolean matches(Map<String, Object> doc, Map<String, Object> target) {
        return (target.get("kind") == null || target.get("kind").equals(doc.get("kind")))
                && (target.get("name") == null || Manifests.name(doc).matches((String) target.get("name")));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object current = into.get(key);
            if (current instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                merge((Map<String, Object>) current, (Map<String, Object>) value);
            } else if ("containers".equals(key) && current instanceof List<?> existing && value instanceof List<?> update
                    && isDeploymentContainers(existing)) {
                for (Object container : update) {
                    Map<String, Object> c = Yamls.map(container);
                    existing.stream().map(Yamls::map).filter(e -> e.get("name").equals(c.get("name")))
                            .findFirst().ifPresentOrElse(e -> merge(e, c), () -> ((List<Object>) existing).add(c));
                }
            } else {
                into.put(key, value);
            }
        });
    }

    /** Kubernetes merges a pod's containers by name; a custom resource's lists are replaced whole. */
    private static boolean isDeploymentContainers(List<?> containers) {
        return containers.stream().map(Yamls::map).anyMatch(c -> c.containsKey("image"));
    }

    private static void retag(Object node, String imageName, String newTag) {
        if (node instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if ("image".equals(e.getKey()) && e.getValue() instanceof String image
                        && (image.equals(imageName) || image.startsWith(imageName + ":") || image.startsWith(imageName + "@"))) {
                    e.setValue(imageName + ":" + newTag);
                } else {
                    retag(e.getValue(), imageName, newTag);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> retag(item, imageName, newTag));
        }
    }

    /** Just enough YAML for manifests: plain maps and lists, merge keys resolved. */
    static final class Yamls {

        private Yamls() {
        }

        static List<Object> loadAll(Path file) {
            try {
                List<Object> docs = new ArrayList<>();
                new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))
                        .forEach(doc -> {
                            if (doc != null) {
                                docs.add(doc);
                            }
                        });
                return docs;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object node) {
            return node == null ? new LinkedHashMap<>() : (Map<String, Object>) node;
        }

        static List<?> list(Object node) {
            return node == null ? List.of() : (List<?>) node;
        }
    }
}
