package org.balintobservatory.localstack.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough YAML for manifests: plain maps and lists, merge keys resolved. */
final class Yamls {

    private Yamls() {
    }

    static List<Object> loadAll(Path file) {
        try {
            return loadAll(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> loadAll(String yaml) {
        List<Object> docs = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml).forEach(doc -> {
            if (doc != null) {
                docs.add(doc);
            }
        });
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? new LinkedHashMap<>() : (Map<String, Object>) node;
    }

    static List<?> list(Object node) {
        return node == null ? List.of() : (List<?>) node;
    }
}
