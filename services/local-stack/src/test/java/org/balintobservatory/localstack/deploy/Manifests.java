package org.balintobservatory.localstack.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.balintobservatory.localstack.deploy.Yamls.list;
import static org.balintobservatory.localstack.deploy.Yamls.map;

/** Rendered Kubernetes objects, looked up by kind and name. */
record Manifests(String source, List<Map<String, Object>> docs) {

    /** The project's root: the nearest directory above the working directory with deploy/ and services/. */
    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/kubernetes")) && Files.isDirectory(dir.resolve("services"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/kubernetes above " + Path.of("").toAbsolutePath());
    }

    static boolean isWorkload(Map<String, Object> doc) {
        return "Deployment".equals(doc.get("kind"));
    }

    static String name(Map<String, Object> doc) {
        return (String) map(doc.get("metadata")).get("name");
    }

    Stream<Map<String, Object>> ofKind(String kind) {
        return docs.stream().filter(doc -> kind.equals(doc.get("kind")));
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).filter(doc -> name.equals(name(doc))).findFirst();
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(podSpec(workload).get("containers")).stream().map(Yamls::map).toList();
    }
}
