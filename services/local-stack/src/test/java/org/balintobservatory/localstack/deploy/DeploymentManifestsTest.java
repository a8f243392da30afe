package org.balintobservatory.localstack.deploy;

import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.localstack.ServiceDefinition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.balintobservatory.localstack.deploy.Yamls.list;
import static org.balintobservatory.localstack.deploy.Yamls.map;
import static org.balintobservatory.localstack.deploy.Manifests.containers;
import static org.balintobservatory.localstack.deploy.Manifests.podSpec;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * deploy/kubernetes (the base and both overlays, rendered) and deploy/compose hold what every deployment must:
 * probes, requests and limits, non-root with a read-only root filesystem, pinned images, every environment
 * variable each service reads, the local gateway's routes, a network policy per service, the contract's topics
 * with equal research partition counts, and three replicas with two in sync in production. The broken cases
 * show that each rule can fail.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Manifests.projectRoot();
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    /** Read by every service, not from its application.yml: the bootstrap ADMIN key (deploy/README.md). */
    private static final Set<String> BOOTSTRAP_KEY = Set.of(
            "BALINT_SECURITY_KEYS_0_ID", "BALINT_SECURITY_KEYS_0_SHA256", "BALINT_SECURITY_KEYS_0_ROLE");

    private static final DeploymentInvariants INVARIANTS = new DeploymentInvariants(ServiceDefinition.ALL,
            environmentRead(), Topics.ALL, Topics.RESEARCH.stream().map(Topic::name).collect(Collectors.toSet()));

    @Test
    void theBaseIsReadyForProduction() {
        assertThat(INVARIANTS.check(render("base"), true)).isEmpty();
    }

    @Test
    void theProductionOverlayKeepsEveryRule() {
        Manifests production = render("overlays/production");
        assertThat(INVARIANTS.check(production, true)).isEmpty();
        assertThat(production.find("HorizontalPodAutoscaler", "analytics-service")
                .map(h -> map(h.get("spec")).get("minReplicas"))).contains(3);
    }

    @Test
    void theDevOverlayKeepsEveryRuleButReplication() {
        Manifests dev = render("overlays/dev");
        assertThat(INVARIANTS.check(dev, false)).isEmpty();
        assertThat(INVARIANTS.check(dev, true)).anySatisfy(v -> assertThat(v).contains("needs 3 replicas"));
        assertThat(dev.find("Deployment", "group-service").map(d -> containers(d).get(0).get("image")))
                .contains("ghcr.io/balint-observatory/group-service:0.1.0-SNAPSHOT");
    }

    /** The dev overlay's Secrets are public by design, so each must look it: never a real value by mistake. */
    @Test
    void theDevOverlaysSecretsAreVisiblyPlaceholders() throws Exception {
        List<String> values = render("overlays/dev").ofKind("Secret")
                .flatMap(secret -> map(secret.get("data")).values().stream())
                // kustomize breaks a long base64 value into lines, which a Secret's decoding ignores.
                .map(v -> new String(java.util.Base64.getMimeDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8))
                .toList();
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        Set<String> placeholderHashes = values.stream().filter(v -> v.startsWith("dev-"))
                .map(v -> java.util.HexFormat.of().formatHex(sha256.digest(v.getBytes(StandardCharsets.UTF_8))))
                .collect(Collectors.toSet());
        assertThat(values).isNotEmpty().allSatisfy(value -> assertThat(
                value.startsWith("dev-") || value.matches("[a-z]+_service") || placeholderHashes.contains(value))
                .as("'" + value + "' is a dev- placeholder, a role name or the hash of a placeholder").isTrue());
    }

    @Test
    void theComposeFileKeepsTheSameRules() throws IOException {
        assertThat(INVARIANTS.checkCompose(compose(), nginx())).isEmpty();
    }

    @Test
    void theEnvironmentEachServiceReadsComesFromItsConfiguration() {
        Map<String, Set<String>> read = environmentRead();
        assertThat(read.get("analytics-service")).contains("MONGODB_URI", "ANALYTICS_MIN_CELL_SIZE",
                "BALINT_PSEUDONYMS_SECRET", "KAFKA_BOOTSTRAP_SERVERS", "BALINT_SECURITY_KEYS_0_SHA256");
        assertThat(read.get("survey-service")).contains("SPRING_DATASOURCE_URL", "SURVEY_UNITS_WAIT_FOR_UNKNOWN");
        assertThat(read.get("access-service")).doesNotContain("BALINT_PSEUDONYMS_SECRET", "MONGODB_URI");
        assertThat(read.values()).allSatisfy(variables -> assertThat(variables)
                .contains("OTLP_TRACING_EXPORT", "OTLP_TRACING_ENDPOINT", "TRACING_SAMPLING_PROBABILITY", "LOG_FORMAT"));
    }

    /**
     * The alert rules as Prometheus itself reads them: {@code promtool check rules} on the PrometheusRule's spec
     * (promtool comes with Debian's prometheus package, which {@code .ci/run} installs), and a broken expression is
     * refused, so the check can fail.
     */
    @Test
    void prometheusAcceptsTheAlertRules(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(installed("promtool", "--version") || "true".equals(System.getenv("CI")),
                "promtool is not installed (apt-get install prometheus)");
        Map<String, Object> rule = render("base").find("PrometheusRule", "balint-observatory").orElseThrow();
        Map<String, Object> spec = map(rule.get("spec"));
        assertThat(promtoolCheckRules(dir.resolve("rules.yaml"), spec)).as("promtool check rules").isEmpty();

        Map<String, Object> first = map(list(map(list(spec.get("groups")).get(0)).get("rules")).get(0));
        first.put("expr", "sum by (namespace (balint_analytics_consumer_lag)");
        assertThat(promtoolCheckRules(dir.resolve("broken.yaml"), spec)).contains("parse error");
    }

    /** promtool's complaints, or an empty string when it accepts the rules. */
    private static String promtoolCheckRules(Path file, Map<String, Object> rules) throws Exception {
        Files.writeString(file, new org.yaml.snakeyaml.Yaml().dump(rules));
        Process promtool = new ProcessBuilder("promtool", "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return promtool.waitFor() == 0 ? "" : output;
    }

    private static boolean installed(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Alerts and the dashboard name meters the services register (Micrometer's names in Prometheus' spelling). */
    @Test
    void alertsAndDashboardReadMetersTheServicesRegister() throws IOException {
        String monitoring = Files.readString(KUBERNETES.resolve("base/monitoring/prometheusrule.yaml"))
                + Files.readString(KUBERNETES.resolve("base/monitoring/grafana-dashboard.json"));
        Set<String> meters = new TreeSet<>();
        Matcher used = Pattern.compile("\\bbalint_[a-z_]+").matcher(monitoring);
        while (used.find()) {
            meters.add(used.group().replace('_', '.'));
        }
        String sources;
        try (Stream<Path> files = Files.walk(ROOT.resolve("services"))) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .map(DeploymentManifestsTest::read).collect(Collectors.joining("\n"));
        }
        // A counter's Prometheus name ends in _total, which its Micrometer name does not have.
        assertThat(meters).isNotEmpty().allSatisfy(meter -> assertThat(
                sources.contains("\"" + meter + "\"") || sources.contains("\"" + meter.replaceFirst("\\.total$", "") + "\""))
                .as("a meter named " + meter + " in the services").isTrue());
        assertThat(monitoring).contains("http_server_requests_seconds_count");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> brokenManifests() {
        return Stream.of(
                broken("no readiness probe", m -> container(m, "group-service").remove("readinessProbe"),
                        "group-service container group-service has no readinessProbe on /actuator/health/readiness"),
                broken("liveness on the wrong path", m -> map(map(container(m, "survey-service").get("livenessProbe"))
                                .get("httpGet")).put("path", "/actuator/health"),
                        "survey-service container survey-service has no livenessProbe on /actuator/health/liveness"),
                broken("no memory limit", m -> map(map(container(m, "analytics-service").get("resources"))
                                .get("limits")).remove("memory"),
                        "analytics-service container analytics-service has no limits.memory"),
                broken("root user", m -> map(podSpec(deployment(m, "access-service")).get("securityContext"))
                                .put("runAsUser", 0),
                        "access-service container access-service may run as root"),
                broken("writable root filesystem", m -> map(container(m, "group-service").get("securityContext"))
                                .put("readOnlyRootFilesystem", false),
                        "group-service container group-service has a writable root filesystem"),
                broken("capabilities kept", m -> map(container(m, "group-service").get("securityContext"))
                                .remove("capabilities"),
                        "keeps Linux capabilities"),
                broken("latest image", m -> container(m, "group-service")
                                .put("image", "ghcr.io/balint-observatory/group-service:latest"),
                        "uses image 'ghcr.io/balint-observatory/group-service:latest' without a pinned tag"),
                broken("untagged database image", m -> map(m.find("Cluster", "balint-postgres").orElseThrow()
                                .get("spec")).put("imageName", "ghcr.io/cloudnative-pg/postgresql"),
                        "Cluster balint-postgres uses image 'ghcr.io/cloudnative-pg/postgresql' without a pinned tag"),
                broken("a moving MongoDB version", m -> map(m.find("MongoDBCommunity", "balint-mongodb").orElseThrow()
                                .get("spec")).put("version", "7.0"),
                        "MongoDBCommunity balint-mongodb runs version '7.0', not one release (x.y.z)"),
                broken("an environment variable not set", m -> list(container(m, "analytics-service").get("env"))
                                .removeIf(e -> "MONGODB_URI".equals(map(e).get("name"))),
                        "Deployment analytics-service does not set [MONGODB_URI]"),
                broken("an ingress path the gateway does not have", m -> ingressPaths(m).stream()
                                .filter(p -> "/api/v1/participants".equals(p.get("path")))
                                .forEach(p -> p.put("path", "/api/v1/participant")),
                        "the ingress routes differ from the gateway's"),
                broken("a file name as a Prefix path", m -> ingressPaths(m).stream()
                                .filter(p -> "/favicon.ico".equals(p.get("path")))
                                .forEach(p -> p.put("pathType", "Prefix")),
                        "path /favicon.ico cannot be used with pathType Prefix"),
                broken("a regular expression as a plain prefix", m -> ingressPaths(m).stream()
                                .filter(p -> "/index.html".equals(p.get("path")))
                                .forEach(p -> p.put("path", "/index\\.html(.*)")),
                        "path /index\\.html(.*) is a regular expression"),
                broken("replicas beside an autoscaler", m -> map(deployment(m, "survey-service").get("spec"))
                                .put("replicas", 3),
                        "Deployment survey-service sets spec.replicas while HorizontalPodAutoscaler survey-service owns"),
                broken("a role password the operator does not watch", m -> m.docs().add(new LinkedHashMap<>(Map.of(
                                "kind", "Secret", "type", "kubernetes.io/basic-auth",
                                "metadata", Map.of("name", "postgres-group-service"),
                                "data", Map.of("username", "Z3JvdXBfc2VydmljZQ==")))),
                        "Secret postgres-group-service holds a password of Cluster balint-postgres without the label "
                                + "cnpg.io/reload"),
                broken("a prefix matched as a string", m -> ingressPaths(m).stream()
                                .filter(p -> "/".equals(p.get("path"))).forEach(p -> p.put("pathType", "Prefix")),
                        "missing [/ Exact -> analytics-service]"),
                broken("no network policy", m -> m.docs().removeIf(d -> "NetworkPolicy".equals(d.get("kind"))
                                && "survey-service".equals(Manifests.name(d))),
                        "no NetworkPolicy limits who reaches survey-service"),
                broken("a network policy open to everyone", m -> list(map(m.find("NetworkPolicy", "group-service")
                                .orElseThrow().get("spec")).get("ingress")).forEach(r -> map(r).remove("from")),
                        "no NetworkPolicy limits who reaches group-service"),
                broken("a database open to every pod", m -> m.docs().removeIf(d -> "NetworkPolicy".equals(d.get("kind"))
                                && "balint-postgres".equals(Manifests.name(d))),
                        "no NetworkPolicy limits who reaches PostgreSQL balint-postgres"),
                broken("read models open to every pod", m -> map(map(m.find("NetworkPolicy", "balint-mongodb")
                                .orElseThrow().get("spec")).get("podSelector")).put("matchLabels", Map.of("app", "mongodb")),
                        "no NetworkPolicy limits who reaches MongoDB balint-mongodb"),
                broken("Kafka open to every pod", m -> list(map(map(m.find("Kafka", "balint").orElseThrow()
                                .get("spec")).get("kafka")).get("listeners")).forEach(l -> map(l).remove("networkPolicyPeers")),
                        "Kafka balint listener plain accepts any pod"),
                broken("no disruption budget", m -> m.docs().removeIf(d -> "PodDisruptionBudget".equals(d.get("kind"))
                                && "access-service".equals(Manifests.name(d))),
                        "Deployment access-service has no PodDisruptionBudget"),
                broken("research topics partitioned differently", m -> topic(m, "balint.survey-events.v1")
                                .put("partitions", 6),
                        "the research topics have different partition counts"),
                broken("two replicas in production", m -> topic(m, "balint.group-events.v1").put("replicas", 2),
                        "topic balint.group-events.v1 needs 3 replicas and min.insync.replicas 2 in production"),
                broken("one replica in sync", m -> map(topic(m, "balint.access-events.v1").get("config"))
                                .put("min.insync.replicas", 1),
                        "topic balint.access-events.v1 needs 3 replicas and min.insync.replicas 2"),
                broken("limited retention", m -> map(topic(m, "balint.group-events.v1").get("config"))
                                .put("retention.ms", 604800000),
                        "topic balint.group-events.v1 must keep every record"),
                broken("a contract topic missing", m -> m.docs().removeIf(d -> "KafkaTopic".equals(d.get("kind"))
                                && "key-usage-v1".equals(Manifests.name(d))),
                        "KafkaTopics differ from the contract's Topics.ALL: missing [balint.key-usage.v1]"),
                broken("more analytics instances than partitions", m -> map(m.find("HorizontalPodAutoscaler",
                                "analytics-service").orElseThrow().get("spec")).put("maxReplicas", 24),
                        "analytics-service may scale to 24 instances, more than the 12 partitions"),
                broken("more command instances than publisher segments", m -> map(m.find("HorizontalPodAutoscaler",
                                "group-service").orElseThrow().get("spec")).put("maxReplicas", 8),
                        "group-service may scale to 8 instances, more than the 6 publisher segments they share"),
                broken("a secret value in production", m -> m.docs().add(new LinkedHashMap<>(Map.of("kind", "Secret",
                                "metadata", Map.of("name", "balint-pseudonyms"), "stringData", Map.of("secret", "x")))),
                        "Secret balint-pseudonyms has its values in the repository"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void aBrokenManifestIsNamed(String what, Consumer<Manifests> breakIt, String violation) {
        Manifests production = render("overlays/production");
        breakIt.accept(production);
        assertThat(INVARIANTS.check(production, true)).anySatisfy(v -> assertThat(v).contains(violation));
    }

    @Test
    void aBrokenComposeFileIsNamed() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> services = map(compose.get("services"));
        map(services.get("kafka")).put("image", "apache/kafka");
        map(services.get("survey-service")).put("read_only", false);
        map(map(services.get("access-service")).get("environment")).remove("SPRING_DATASOURCE_URL");
        String nginx = nginx().replace("location /api/v1/keys/ {", "location /api/v1/keys {");

        assertThat(INVARIANTS.checkCompose(compose, nginx)).containsExactlyInAnyOrder(
                "compose: kafka uses image 'apache/kafka' without a pinned tag",
                "compose: survey-service has a writable root filesystem",
                "compose: access-service does not set [SPRING_DATASOURCE_URL]",
                "compose: the nginx routes differ from the gateway's (ServiceDefinition.ALL): "
                        + "missing [/api/v1/keys/ -> access-service], not in the gateway [/api/v1/keys -> access-service]");
    }

    private static Arguments broken(String what, Consumer<Manifests> breakIt, String violation) {
        return arguments(what, breakIt, violation);
    }

    private static Map<String, Object> deployment(Manifests m, String name) {
        return m.find("Deployment", name).orElseThrow();
    }

    private static Map<String, Object> container(Manifests m, String name) {
        return containers(deployment(m, name)).get(0);
    }

    private static Map<String, Object> topic(Manifests m, String topicName) {
        return m.ofKind("KafkaTopic").map(t -> map(t.get("spec")))
                .filter(spec -> topicName.equals(spec.get("topicName"))).findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> ingressPaths(Manifests m) {
        return m.ofKind("Ingress").flatMap(i -> list(map(i.get("spec")).get("rules")).stream())
                .flatMap(r -> list(map(map(r).get("http")).get("paths")).stream()).map(Yamls::map).toList();
    }

    private static Manifests render(String directory) {
        return new Manifests(directory, new java.util.ArrayList<>(Kubectl.kustomize(KUBERNETES.resolve(directory))));
    }

    private static Map<String, Object> compose() {
        return map(Yamls.loadAll(ROOT.resolve("deploy/compose/compose.yaml")).get(0));
    }

    private static String nginx() throws IOException {
        return Files.readString(ROOT.resolve("deploy/compose/nginx/balint.conf"));
    }

    /** Every {@code ${NAME...}} placeholder in each service's application.yml, and the bootstrap key. */
    private static Map<String, Set<String>> environmentRead() {
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
        Map<String, Set<String>> read = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            try {
                Matcher names = placeholder.matcher(Files.readString(
                        ROOT.resolve("services/" + service.name() + "/src/main/resources/application.yml")));
                Set<String> variables = new TreeSet<>(BOOTSTRAP_KEY);
                while (names.find()) {
                    variables.add(names.group(1));
                }
                read.put(service.name(), variables);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the configuration of " + service.name(), e);
            }
        }
        return read;
    }
}
