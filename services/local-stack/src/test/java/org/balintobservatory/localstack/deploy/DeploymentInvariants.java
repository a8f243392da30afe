package org.balintobservatory.localstack.deploy;

import org.balintobservatory.contract.Topic;
import org.balintobservatory.localstack.ServiceDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.balintobservatory.localstack.deploy.Yamls.list;
import static org.balintobservatory.localstack.deploy.Yamls.map;
import static org.balintobservatory.localstack.deploy.Manifests.containers;
import static org.balintobservatory.localstack.deploy.Manifests.name;
import static org.balintobservatory.localstack.deploy.Manifests.podSpec;

/**
 * What every deployment of the system must hold, checked on rendered manifests: each returns the violations it
 * finds, in words that name the object and the rule, so a test lists everything that is wrong at once.
 *
 * @param services    the deployable services and the routes the local gateway gives them
 * @param environment per service, every environment variable it reads
 * @param topics      the contract's topics; the research topics must share one partition count
 * @param research    names of the research topics
 */
record DeploymentInvariants(List<ServiceDefinition> services, Map<String, Set<String>> environment,
                            List<Topic> topics, Set<String> research) {

    /** An image reference with a tag or digest that names one release: not "latest", not bare. */
    /** ingress-nginx's strict path validation for Prefix and Exact paths. */
    private static final Pattern STRICT_PATH = Pattern.compile("/[A-Za-z0-9_\\-/]*");
    /** Characters that make an nginx location a regular expression. */
    private static final Pattern REGEX_CHARACTERS = Pattern.compile("[\\\\^$*+?()\\[\\]{}|]");
    private static final Pattern PINNED = Pattern.compile("[^:@\\s]+(:[\\w][\\w.-]*)?(@sha256:[0-9a-f]{64})?");

    List<String> check(Manifests m, boolean production) {
        List<String> violations = new ArrayList<>();
        workloads(m, violations);
        images(m, violations);
        operatorVersions(m, violations);
        environment(m, violations);
        ingress(m, violations);
        ingressPathsAdmitted(m, violations);
        autoscalerOwnsReplicas(m, violations);
        rolePasswordsWatched(m, violations);
        networkPolicies(m, violations);
        topics(m, production, violations);
        if (production) {
            m.ofKind("Secret").forEach(secret -> violations.add(m.source() + ": Secret " + name(secret)
                    + " has its values in the repository; production Secrets are created out of band"));
        }
        return violations;
    }

    /** The same rules for the one-server compose file and its nginx routes. */
    List<String> checkCompose(Map<String, Object> compose, String nginxConf) {
        List<String> violations = new ArrayList<>();
        Map<String, Object> composeServices = map(compose.get("services"));
        composeServices.forEach((name, definition) -> {
            String image = String.valueOf(map(definition).get("image")).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
            Matcher pinned = PINNED.matcher(image);
            if (!pinned.matches() || (pinned.group(1) == null && pinned.group(2) == null) || image.endsWith(":latest")
                    || image.contains("${")) {
                violations.add("compose: " + name + " uses image '" + image + "' without a pinned tag");
            }
        });
        for (ServiceDefinition service : services) {
            String where = "compose: " + service.name();
            Map<String, Object> definition = map(composeServices.get(service.name()));
            if (definition.isEmpty()) {
                violations.add(where + " is missing");
                continue;
            }
            Set<String> missing = new TreeSet<>(environment.get(service.name()));
            map(definition.get("environment")).forEach((key, value) -> {
                if (value != null) {
                    missing.remove(key);
                }
            });
            if (!missing.isEmpty()) {
                violations.add(where + " does not set " + missing);
            }
            Object user = definition.get("user");
            if (user == null || String.valueOf(user).matches("(0|root)(:.*)?")) {
                violations.add(where + " may run as root");
            }
            if (!Boolean.TRUE.equals(definition.get("read_only"))) {
                violations.add(where + " has a writable root filesystem");
            }
            if (!list(definition.get("cap_drop")).contains("ALL")) {
                violations.add(where + " keeps Linux capabilities (cap_drop: [ALL])");
            }
        }
        Set<String> expected = new TreeSet<>();
        for (ServiceDefinition service : services) {
            for (String route : service.routes()) {
                expected.add("= " + route + " -> " + service.name());
                if (!"/".equals(route)) {
                    expected.add(route + "/ -> " + service.name());
                }
            }
        }
        Set<String> actual = new TreeSet<>();
        Matcher location = Pattern.compile("location (= )?(\\S+) \\{ proxy_pass http://([a-z-]+):\\d+; }").matcher(nginxConf);
        while (location.find()) {
            actual.add((location.group(1) == null ? "" : "= ") + location.group(2) + " -> " + location.group(3));
        }
        if (!expected.equals(actual)) {
            violations.add("compose: the nginx routes differ from the gateway's (ServiceDefinition.ALL): "
                    + difference(expected, actual));
        }
        return violations;
    }

    private void workloads(Manifests m, List<String> violations) {
        for (ServiceDefinition service : services) {
            String where = m.source() + ": Deployment " + service.name();
            Map<String, Object> deployment = m.find("Deployment", service.name()).orElse(null);
            if (deployment == null) {
                violations.add(where + " is missing");
                continue;
            }
            Map<String, Object> pod = podSpec(deployment);
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            Set<String> tmpVolumes = list(pod.get("volumes")).stream().map(Yamls::map)
                    .filter(v -> v.containsKey("emptyDir")).map(v -> (String) v.get("name")).collect(Collectors.toSet());
            for (Map<String, Object> container : containers(deployment)) {
                String c = where + " container " + container.get("name");
                probe(container, "readinessProbe", "/actuator/health/readiness", c, violations);
                probe(container, "livenessProbe", "/actuator/health/liveness", c, violations);
                Map<String, Object> resources = map(container.get("resources"));
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (map(resources.get(bound)).get(resource) == null) {
                            violations.add(c + " has no " + bound + "." + resource);
                        }
                    }
                }
                Map<String, Object> security = map(container.get("securityContext"));
                Object nonRoot = security.getOrDefault("runAsNonRoot", podSecurity.get("runAsNonRoot"));
                Object user = security.getOrDefault("runAsUser", podSecurity.get("runAsUser"));
                if (!Boolean.TRUE.equals(nonRoot) || Objects.equals(user, 0)) {
                    violations.add(c + " may run as root (runAsNonRoot must be true and runAsUser not 0)");
                }
                if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
                    violations.add(c + " has a writable root filesystem");
                }
                if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
                    violations.add(c + " allows privilege escalation");
                }
                if (!list(map(security.get("capabilities")).get("drop")).contains("ALL")) {
                    violations.add(c + " keeps Linux capabilities (drop: [ALL])");
                }
                boolean tmp = list(container.get("volumeMounts")).stream().map(Yamls::map)
                        .anyMatch(v -> "/tmp".equals(v.get("mountPath")) && tmpVolumes.contains(v.get("name")));
                if (!tmp) {
                    violations.add(c + " has no emptyDir at /tmp for a read-only root filesystem");
                }
            }
            for (String kind : List.of("PodDisruptionBudget", "HorizontalPodAutoscaler")) {
                if (m.find(kind, service.name()).isEmpty()) {
                    violations.add(where + " has no " + kind);
                }
            }
        }
    }

    private static void probe(Map<String, Object> container, String kind, String path, String where,
                              List<String> violations) {
        Object actual = map(map(container.get(kind)).get("httpGet")).get("path");
        if (!path.equals(actual)) {
            violations.add(where + " has no " + kind + " on " + path + (actual == null ? "" : " (has " + actual + ")"));
        }
    }

    private void images(Manifests m, List<String> violations) {
        for (Map<String, Object> doc : m.docs()) {
            collectImages(doc).forEach(image -> {
                Matcher pinned = PINNED.matcher(image);
                if (!pinned.matches() || (pinned.group(1) == null && pinned.group(2) == null)
                        || image.endsWith(":latest")) {
                    violations.add(m.source() + ": " + doc.get("kind") + " " + name(doc) + " uses image '" + image
                            + "' without a pinned tag");
                }
            });
        }
    }

    /** Operators pick the image from a version: it must name one release too. */
    private static void operatorVersions(Manifests m, List<String> violations) {
        m.ofKind("Kafka").forEach(kafka -> exactVersion(m, kafka,
                map(map(kafka.get("spec")).get("kafka")).get("version"), violations));
        m.ofKind("MongoDBCommunity").forEach(mongo -> exactVersion(m, mongo, map(mongo.get("spec")).get("version"),
                violations));
    }

    private static void exactVersion(Manifests m, Map<String, Object> doc, Object version, List<String> violations) {
        if (version == null || !String.valueOf(version).matches("\\d+\\.\\d+\\.\\d+")) {
            violations.add(m.source() + ": " + doc.get("kind") + " " + name(doc) + " runs version '" + version
                    + "', not one release (x.y.z)");
        }
    }

    private static List<String> collectImages(Object node) {
        List<String> images = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (("image".equals(key) || "imageName".equals(key)) && value instanceof String image) {
                    images.add(image);
                } else {
                    images.addAll(collectImages(value));
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> images.addAll(collectImages(item)));
        }
        return images;
    }

    private void environment(Manifests m, List<String> violations) {
        for (ServiceDefinition service : services) {
            m.find("Deployment", service.name()).ifPresent(deployment -> {
                Map<String, Object> container = containers(deployment).get(0);
                Set<String> set = new TreeSet<>();
                for (Object entry : list(container.get("env"))) {
                    Map<String, Object> env = map(entry);
                    if (env.get("value") != null || env.get("valueFrom") != null) {
                        set.add((String) env.get("name"));
                    }
                }
                Set<String> missing = new TreeSet<>(environment.get(service.name()));
                missing.removeAll(set);
                if (!missing.isEmpty()) {
                    violations.add(m.source() + ": Deployment " + service.name() + " does not set " + missing);
                }
            });
        }
    }

    private void ingress(Manifests m, List<String> violations) {
        Set<String> expected = new TreeSet<>();
        for (ServiceDefinition service : services) {
            for (String route : service.routes()) {
                expected.add(route + " " + pathType(route) + " -> " + service.name());
            }
        }
        Set<String> actual = new TreeSet<>();
        m.ofKind("Ingress").forEach(ingress -> {
            for (Object rule : list(map(ingress.get("spec")).get("rules"))) {
                for (Object p : list(map(map(rule).get("http")).get("paths"))) {
                    Map<String, Object> path = map(p);
                    actual.add(path.get("path") + " " + path.get("pathType") + " -> "
                            + map(map(path.get("backend")).get("service")).get("name"));
                }
            }
        });
        if (!expected.equals(actual)) {
            violations.add(m.source() + ": the ingress routes differ from the gateway's (ServiceDefinition.ALL): "
                    + difference(expected, actual));
        }
    }

    /**
     * The path type a gateway route needs: "/" alone is the dashboard's page (Exact); a route that ingress-nginx's
     * strict path validation admits as a prefix is Prefix; a file name with a dot is ImplementationSpecific, which
     * ingress-nginx matches as a plain prefix when the use-regex annotation is not set.
     */
    private static String pathType(String route) {
        if ("/".equals(route)) {
            return "Exact";
        }
        return STRICT_PATH.matcher(route).matches() ? "Prefix" : "ImplementationSpecific";
    }

    /**
     * What ingress-nginx 1.12 and later admit (strict-validate-path-type, on by default; its FAQ "Validation of
     * path"): a Prefix or Exact path of letters, digits, '_', '-' and '/' only. An ImplementationSpecific path is
     * handed to nginx as written, and without use-regex it must not look like a regular expression, which nginx
     * would then match literally.
     */
    private static void ingressPathsAdmitted(Manifests m, List<String> violations) {
        m.ofKind("Ingress").forEach(ingress -> {
            boolean regex = "true".equals(map(map(ingress.get("metadata")).get("annotations"))
                    .get("nginx.ingress.kubernetes.io/use-regex"));
            for (Object rule : list(map(ingress.get("spec")).get("rules"))) {
                for (Object p : list(map(map(rule).get("http")).get("paths"))) {
                    String path = String.valueOf(map(p).get("path"));
                    Object type = map(p).get("pathType");
                    String where = m.source() + ": Ingress " + name(ingress) + " path " + path;
                    if (("Prefix".equals(type) || "Exact".equals(type)) && !STRICT_PATH.matcher(path).matches()) {
                        violations.add(where + " cannot be used with pathType " + type
                                + " (ingress-nginx admits only ^/[[:alnum:]_\\-/]*$)");
                    }
                    if ("ImplementationSpecific".equals(type) && !regex && REGEX_CHARACTERS.matcher(path).find()) {
                        violations.add(where + " is a regular expression, matched literally without use-regex");
                    }
                }
            }
        });
    }

    /** kubectl apply would reset the autoscaler's choice to a replicas field on every apply. */
    private static void autoscalerOwnsReplicas(Manifests m, List<String> violations) {
        m.ofKind("HorizontalPodAutoscaler").forEach(hpa -> {
            Map<String, Object> target = map(map(hpa.get("spec")).get("scaleTargetRef"));
            m.find(String.valueOf(target.get("kind")), String.valueOf(target.get("name")))
                    .filter(workload -> map(workload.get("spec")).containsKey("replicas"))
                    .ifPresent(workload -> violations.add(m.source() + ": " + workload.get("kind") + " "
                            + name(workload) + " sets spec.replicas while HorizontalPodAutoscaler " + name(hpa)
                            + " owns its scale; every kubectl apply would reset the autoscaler's choice"));
        });
    }

    /**
     * CloudNativePG reconciles a managed role's password only from a Secret labelled cnpg.io/reload: "true"
     * (its documentation, "Database role management" and "Secrets"); an unlabelled one keeps the old password
     * after a rotation. Checked for the Secrets the manifests hold; production's are created with the label
     * (docs/operations.md#secrets).
     */
    private static void rolePasswordsWatched(Manifests m, List<String> violations) {
        m.ofKind("Cluster").forEach(cluster -> list(map(map(map(cluster.get("spec")).get("managed"))).get("roles"))
                .stream().map(role -> String.valueOf(map(map(role).get("passwordSecret")).get("name")))
                .forEach(secretName -> m.find("Secret", secretName)
                        .filter(secret -> !"true".equals(map(map(secret.get("metadata")).get("labels"))
                                .get("cnpg.io/reload")))
                        .ifPresent(secret -> violations.add(m.source() + ": Secret " + secretName
                                + " holds a password of Cluster " + name(cluster) + " without the label "
                                + "cnpg.io/reload: \"true\"; the operator would not apply a rotated password"))));
    }

    static String difference(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        return "missing " + missing + ", not in the gateway " + extra;
    }

    private void networkPolicies(Manifests m, List<String> violations) {
        for (ServiceDefinition service : services) {
            if (!restricted(m, "app.kubernetes.io/name", service.name())) {
                violations.add(m.source() + ": no NetworkPolicy limits who reaches " + service.name());
            }
        }
        // The operators label their pods: CloudNativePG cnpg.io/cluster=<name>, MongoDB app=<name>-svc.
        m.ofKind("Cluster").forEach(cluster -> {
            if (!restricted(m, "cnpg.io/cluster", name(cluster))) {
                violations.add(m.source() + ": no NetworkPolicy limits who reaches PostgreSQL " + name(cluster));
            }
        });
        m.ofKind("MongoDBCommunity").forEach(mongo -> {
            if (!restricted(m, "app", name(mongo) + "-svc")) {
                violations.add(m.source() + ": no NetworkPolicy limits who reaches MongoDB " + name(mongo));
            }
        });
        m.ofKind("Kafka").forEach(kafka -> list(map(map(kafka.get("spec")).get("kafka")).get("listeners")).stream()
                .map(Yamls::map).filter(listener -> list(listener.get("networkPolicyPeers")).isEmpty())
                .forEach(listener -> violations.add(m.source() + ": Kafka " + name(kafka) + " listener "
                        + listener.get("name") + " accepts any pod (networkPolicyPeers)")));
    }

    /** Whether a NetworkPolicy selects the pods with this label and admits only named peers. */
    private static boolean restricted(Manifests m, String label, String value) {
        return m.ofKind("NetworkPolicy").anyMatch(policy -> {
            Map<String, Object> spec = map(policy.get("spec"));
            boolean selects = value.equals(map(map(spec.get("podSelector")).get("matchLabels")).get(label));
            boolean restricts = list(spec.get("policyTypes")).contains("Ingress")
                    && list(spec.get("ingress")).stream().map(Yamls::map)
                    .allMatch(rule -> !list(rule.get("from")).isEmpty());
            return selects && restricts;
        });
    }

    private void topics(Manifests m, boolean production, List<String> violations) {
        Map<String, Map<String, Object>> byName = m.ofKind("KafkaTopic").collect(Collectors.toMap(
                t -> (String) map(t.get("spec")).getOrDefault("topicName", name(t)), t -> map(t.get("spec"))));
        Set<String> expected = topics.stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new));
        if (!expected.equals(new TreeSet<>(byName.keySet()))) {
            violations.add(m.source() + ": KafkaTopics differ from the contract's Topics.ALL: "
                    + difference(expected, new TreeSet<>(byName.keySet())));
        }
        Set<Object> researchPartitions = research.stream().filter(byName::containsKey)
                .map(t -> byName.get(t).get("partitions")).collect(Collectors.toSet());
        if (researchPartitions.size() > 1) {
            violations.add(m.source() + ": the research topics have different partition counts " + researchPartitions
                    + "; an institution's events would not share a partition number across them");
        }
        m.find("ConfigMap", "balint-platform").ifPresent(platform -> {
            Object configured = map(platform.get("data")).get("kafka-topic-partitions");
            if (researchPartitions.size() == 1 && !String.valueOf(researchPartitions.iterator().next()).equals(configured)) {
                violations.add(m.source() + ": KAFKA_TOPIC_PARTITIONS (" + configured
                        + ") differs from the research topics' " + researchPartitions);
            }
        });
        m.find("HorizontalPodAutoscaler", "analytics-service").ifPresent(hpa -> {
            Object max = map(hpa.get("spec")).get("maxReplicas");
            if (researchPartitions.size() == 1 && max instanceof Integer n
                    && researchPartitions.iterator().next() instanceof Integer partitions && n > partitions) {
                violations.add(m.source() + ": analytics-service may scale to " + n + " instances, more than the "
                        + partitions + " partitions any of them can consume");
            }
        });
        m.find("ConfigMap", "balint-platform").map(p -> map(p.get("data")).get("publisher-segments")).ifPresent(segments ->
                m.ofKind("HorizontalPodAutoscaler").forEach(hpa -> {
                    String target = (String) map(map(hpa.get("spec")).get("scaleTargetRef")).get("name");
                    boolean publishes = m.find("Deployment", target).stream().flatMap(d -> containers(d).stream())
                            .flatMap(c -> list(c.get("env")).stream())
                            .anyMatch(e -> "BALINT_PUBLISHING_SEGMENTS".equals(map(e).get("name")));
                    Object max = map(hpa.get("spec")).get("maxReplicas");
                    if (publishes && max instanceof Integer n && n > Integer.parseInt(String.valueOf(segments))) {
                        violations.add(m.source() + ": " + target + " may scale to " + n + " instances, more than the "
                                + segments + " publisher segments they share");
                    }
                }));
        for (Topic topic : topics) {
            Map<String, Object> spec = byName.get(topic.name());
            if (spec == null) {
                continue;
            }
            Map<String, Object> config = map(spec.get("config"));
            String where = m.source() + ": topic " + topic.name();
            if (topic.compacted() && !"compact".equals(config.get("cleanup.policy"))) {
                violations.add(where + " must be compacted");
            }
            if (!topic.compacted() && (!Objects.equals(config.get("retention.ms"), -1)
                    || !Objects.equals(config.get("retention.bytes"), -1))) {
                violations.add(where + " must keep every record (retention.ms and retention.bytes -1)");
            }
            if (production && (!Objects.equals(spec.get("replicas"), 3)
                    || !Objects.equals(config.get("min.insync.replicas"), 2))) {
                violations.add(where + " needs 3 replicas and min.insync.replicas 2 in production, has "
                        + spec.get("replicas") + " and " + config.get("min.insync.replicas"));
            }
        }
        if (production) {
            m.ofKind("Kafka").forEach(kafka -> {
                Map<String, Object> config = map(map(map(kafka.get("spec")).get("kafka")).get("config"));
                if (!Objects.equals(config.get("min.insync.replicas"), 2)
                        || !Objects.equals(config.get("default.replication.factor"), 3)) {
                    violations.add(m.source() + ": Kafka " + name(kafka)
                            + " needs default.replication.factor 3 and min.insync.replicas 2 in production");
                }
            });
            m.ofKind("KafkaNodePool").forEach(pool -> {
                if (!(map(pool.get("spec")).get("replicas") instanceof Integer n) || n < 3) {
                    violations.add(m.source() + ": KafkaNodePool " + name(pool) + " needs at least 3 nodes in production");
                }
            });
        }
    }
}
