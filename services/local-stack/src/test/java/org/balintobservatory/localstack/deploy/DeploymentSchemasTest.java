package org.balintobservatory.localstack.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.balintobservatory.localstack.deploy.Manifests.containers;
import static org.balintobservatory.localstack.deploy.Yamls.list;
import static org.balintobservatory.localstack.deploy.Yamls.map;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Both overlays, as {@code kubectl kustomize} renders them, against the schemas a cluster holds: the API of the
 * oldest and the newest supported Kubernetes version and the CRDs of the operator versions the deploy workflow
 * installs, vendored in deploy/schemas so the normal test run checks them without a network or a cluster. Strict:
 * a field no schema names is refused (the API server would prune it in silence, or refuse the apply), and so is a
 * kind no vendored schema describes. The broken cases show that each can fail.
 */
class DeploymentSchemasTest {

    private static final Path ROOT = Manifests.projectRoot();
    private static final Path SCHEMAS_DIRECTORY = ROOT.resolve("deploy/schemas");
    private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.vendored(SCHEMAS_DIRECTORY);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void everyObjectMatchesItsSchemaInEachSupportedKubernetesVersion(String overlay) {
        Manifests manifests = render(overlay);
        assertThat(manifests.docs()).hasSizeGreaterThan(30);
        assertThat(SCHEMAS.check(manifests)).isEmpty();
    }

    /** An operator's free-form settings (Kafka's broker config here) preserve unknown fields, as the CRD says. */
    @Test
    void freeFormSettingsStayOpen() {
        Manifests production = render("overlays/production");
        map(map(map(production.find("Kafka", "balint").orElseThrow().get("spec")).get("kafka")).get("config"))
                .put("log.cleaner.threads", 2);
        assertThat(SCHEMAS.check(production)).isEmpty();
    }

    static Stream<Arguments> brokenManifests() {
        return Stream.of(
                broken("a misspelt Deployment field", m -> map(m.find("Deployment", "group-service").orElseThrow()
                                .get("spec")).put("replicass", 3),
                        "Deployment group-service", "replicass"),
                broken("an unknown field in a container", m -> container(m, "survey-service")
                                .put("imagePullPolicyy", "IfNotPresent"),
                        "Deployment survey-service", "imagePullPolicyy"),
                broken("a port as a string", m -> map(list(container(m, "access-service").get("ports")).get(0))
                                .put("containerPort", "8084"),
                        "Deployment access-service", "containerPort"),
                broken("an unknown field in metadata", m -> map(m.find("Service", "analytics-service").orElseThrow()
                                .get("metadata")).put("label", Map.of("app", "analytics-service")),
                        "Service analytics-service", "label"),
                broken("an autoscaling API the cluster no longer serves", m -> m.find("HorizontalPodAutoscaler",
                                "group-service").orElseThrow().put("apiVersion", "autoscaling/v2beta2"),
                        "HorizontalPodAutoscaler group-service",
                        "no schema for apiVersion autoscaling/v2beta2 kind HorizontalPodAutoscaler"),
                broken("an unknown field in the PostgreSQL Cluster", m -> map(m.find("Cluster", "balint-postgres")
                                .orElseThrow().get("spec")).put("instancess", 3),
                        "Cluster balint-postgres", "instancess"),
                broken("an unknown field in a Kafka listener", m -> map(list(map(map(m.find("Kafka", "balint")
                                .orElseThrow().get("spec")).get("kafka")).get("listeners")).get(0)).put("tlss", false),
                        "Kafka balint", "tlss"),
                broken("an unknown field in a custom resource's metadata", m -> map(m.find("KafkaTopic",
                                "group-events-v1").orElseThrow().get("metadata")).put("label", Map.of()),
                        "KafkaTopic group-events-v1", "label"),
                broken("partitions as a string", m -> map(m.find("KafkaTopic", "group-events-v1").orElseThrow()
                                .get("spec")).put("partitions", "12"),
                        "KafkaTopic group-events-v1", "partitions"),
                broken("an unknown field in the MongoDB replica set", m -> map(m.find("MongoDBCommunity",
                                "balint-mongodb").orElseThrow().get("spec")).put("member", 3),
                        "MongoDBCommunity balint-mongodb", "member"),
                broken("an unknown field in a scrape endpoint", m -> map(list(map(m.ofKind("ServiceMonitor")
                                .findFirst().orElseThrow().get("spec")).get("endpoints")).get(0)).put("intervall", "30s"),
                        "ServiceMonitor", "intervall"),
                broken("a kind no schema describes", m -> m.docs().add(new LinkedHashMap<>(Map.of(
                                "apiVersion", "example.org/v1", "kind", "Widget",
                                "metadata", Map.of("name", "balint-widget"), "spec", Map.of()))),
                        "Widget balint-widget", "no schema for apiVersion example.org/v1 kind Widget"));
    }

    /** Each broken object is refused in every supported Kubernetes version, with the object and the field named. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void aBrokenObjectIsRefused(String what, Consumer<Manifests> breakIt, String object, String field) {
        Manifests production = render("overlays/production");
        breakIt.accept(production);
        List<String> violations = SCHEMAS.check(production);
        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v).contains(object));
        for (String version : SCHEMAS.kubernetesVersions()) {
            assertThat(violations).anySatisfy(v -> assertThat(v).contains(version).contains(field));
        }
    }

    /**
     * The vendored schemas are those of what is deployed and supported: each operator's at the version the deploy
     * workflow installs, and Kubernetes' at both ends of the supported range in docs/operations.md. Moving a pin
     * without running deploy/schemas/refresh.sh fails here.
     */
    @Test
    void theSchemasAreThoseOfTheVersionsDeployedAndSupported() throws IOException {
        String workflow = Files.readString(ROOT.resolve(".github/workflows/deploy.yml"));
        Map<String, List<String>> pinned = new TreeMap<>(Map.of(
                "cloudnative-pg", List.of(find(workflow, "releases/cnpg-([0-9.]+)\\.yaml")),
                "mongodb-community-operator", List.of(find(workflow, "mongodb/community-operator --version (\\S+)")),
                "prometheus-operator", List.of(find(workflow, "prometheus-operator/releases/download/v([0-9.]+)/")),
                "strimzi", List.of(find(workflow, "strimzi-kafka-operator --version (\\S+)"))));
        Map<String, List<String>> vendored = new TreeMap<>();
        for (Path operator : directories(SCHEMAS_DIRECTORY)) {
            String name = operator.getFileName().toString();
            // The Kubernetes API and the compose file's schema are not operators' (ComposeSpecTest reads the latter).
            if (!name.equals("kubernetes") && !name.equals("compose-spec")) {
                vendored.put(name, directories(operator).stream().map(p -> p.getFileName().toString()).toList());
            }
        }
        assertThat(vendored).isEqualTo(pinned);

        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        Matcher supported = Pattern.compile("\\| Kubernetes \\| (\\d+\\.\\d+) to (\\d+\\.\\d+) \\|").matcher(operations);
        assertThat(supported.find()).as("docs/operations.md names the supported Kubernetes versions").isTrue();
        assertThat(SCHEMAS.kubernetesVersions()).containsExactly(supported.group(1), supported.group(2));
        assertThat(SCHEMAS.customResourceKinds()).contains("kafka.strimzi.io/v1beta2 Kafka",
                "postgresql.cnpg.io/v1 Cluster", "mongodbcommunity.mongodb.com/v1 MongoDBCommunity",
                "monitoring.coreos.com/v1 ServiceMonitor", "monitoring.coreos.com/v1 PrometheusRule");
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("deploy.yml matches " + regex).isTrue();
        return matcher.group(1);
    }

    private static List<Path> directories(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static Arguments broken(String what, Consumer<Manifests> breakIt, String object, String field) {
        return arguments(what, breakIt, object, field);
    }

    private static Map<String, Object> container(Manifests m, String deployment) {
        return containers(m.find("Deployment", deployment).orElseThrow()).get(0);
    }

    private static Manifests render(String directory) {
        return new Manifests(directory, new ArrayList<>(Kubectl.kustomize(ROOT.resolve("deploy/kubernetes")
                .resolve(directory))));
    }
}
