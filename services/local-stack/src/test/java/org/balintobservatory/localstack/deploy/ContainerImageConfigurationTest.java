package org.balintobservatory.localstack.deploy;

import org.balintobservatory.localstack.ServiceDefinition;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.balintobservatory.localstack.deploy.Yamls.map;

/**
 * The Jib image configuration in the root pom, read as Maven would resolve its properties: an exact JRE release
 * as base, a numeric non-root user, a heap sized by the container's memory limit, a fixed creation time, and no
 * execution bound to the build (images are built only where a registry is reachable). Each service declares the
 * plugin with the port its Deployment exposes.
 */
class ContainerImageConfigurationTest {

    /** Temurin 17's JRE at one release ({@code 17.0.19_10}), optionally with a digest; never a moving tag. */
    private static final Pattern PINNED_BASE =
            Pattern.compile("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre(-[a-z]+)?(@sha256:[0-9a-f]{64})?");

    private final Path root = Manifests.projectRoot();

    @Test
    void theImageConfigurationIsPinnedNonRootAndSizedByTheContainer() throws Exception {
        assertThat(violations(Files.readString(root.resolve("pom.xml")))).isEmpty();
    }

    @Test
    void everyDeployableServiceBuildsAnImageOnThePortItsDeploymentExposes() throws Exception {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Document pom = parse(Files.readString(root.resolve("services/" + service.name() + "/pom.xml")));
            assertThat(plugin(pom, "build/plugins")).as(service.name() + " declares jib-maven-plugin").isNotNull();
            String port = text(pom.getDocumentElement(), "properties/service.port");
            Map<String, Object> deployment = Yamls.loadAll(
                    root.resolve("deploy/kubernetes/base/services/" + service.name() + ".yaml")).stream()
                    .map(Yamls::map).filter(Manifests::isWorkload).findFirst().orElseThrow();
            Object containerPort = map(((List<?>) Manifests.containers(deployment).get(0).get("ports")).get(0))
                    .get("containerPort");
            assertThat(port).as(service.name() + " service.port").isEqualTo(String.valueOf(containerPort));
        }
    }

    /** The dev overlay runs what {@code jib:dockerBuild} makes without options, so kind can load it as it is. */
    @Test
    void theDevOverlayRunsTheImagesALocalJibBuildMakes() throws Exception {
        Document pom = parse(Files.readString(root.resolve("pom.xml")));
        String registry = text(pom.getDocumentElement(), "properties/image.registry");
        String version = text(pom.getDocumentElement(), "version");
        List<Map<String, Object>> dev = Kubectl.kustomize(root.resolve("deploy/kubernetes/overlays/dev"));
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Map<String, Object> deployment = dev.stream().filter(Manifests::isWorkload)
                    .filter(d -> service.name().equals(Manifests.name(d))).findFirst().orElseThrow();
            assertThat(Manifests.containers(deployment).get(0).get("image"))
                    .isEqualTo(registry + "/" + service.name() + ":" + version);
        }
    }

    @Test
    void aBrokenImageConfigurationIsNamed() throws Exception {
        String pom = Files.readString(root.resolve("pom.xml"));
        assertThat(violations(pom.replaceFirst("<image.base>[^<]+</image.base>", "<image.base>eclipse-temurin:17-jre</image.base>")))
                .containsExactly("base image 'eclipse-temurin:17-jre' is not one pinned Temurin 17 JRE release");
        assertThat(violations(pom.replace("<user>65532:65532</user>", "<user>root</user>")))
                .containsExactly("container user 'root' is not a numeric non-root uid:gid");
        assertThat(violations(pom.replace("<jvmFlag>-XX:MaxRAMPercentage=70</jvmFlag>", "")))
                .containsExactly("no -XX:MaxRAMPercentage: the heap would ignore the container's memory limit");
        assertThat(violations(pom.replace("<creationTime>${project.build.outputTimestamp}</creationTime>", "")))
                .containsExactly("no fixed creationTime: the same commit would give different images");
        assertThat(violations(pom.replaceFirst(
                "(<artifactId>jib-maven-plugin</artifactId>\\s*<version>[^<]+</version>)",
                "$1<executions><execution><phase>package</phase><goals><goal>build</goal></goals></execution></executions>")))
                .containsExactly("jib runs in the normal build (an execution is bound): the build would need a registry");
    }

    private static List<String> violations(String rootPom) throws Exception {
        Document pom = parse(rootPom);
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList declared = child(pom.getDocumentElement(), "properties").getChildNodes();
        for (int i = 0; i < declared.getLength(); i++) {
            if (declared.item(i) instanceof Element e) {
                properties.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        Element jib = plugin(pom, "build/pluginManagement/plugins");
        List<String> violations = new ArrayList<>();
        if (jib == null) {
            return List.of("no jib-maven-plugin in the root pom's pluginManagement");
        }
        if (child(jib, "executions") != null) {
            violations.add("jib runs in the normal build (an execution is bound): the build would need a registry");
        }
        String base = resolve(text(jib, "configuration/from/image"), properties);
        if (base == null || !PINNED_BASE.matcher(base).matches()) {
            violations.add("base image '" + base + "' is not one pinned Temurin 17 JRE release");
        }
        String user = text(jib, "configuration/container/user");
        if (user == null || !user.matches("[1-9]\\d*:[1-9]\\d*")) {
            violations.add("container user '" + user + "' is not a numeric non-root uid:gid");
        }
        List<String> flags = new ArrayList<>();
        Element jvmFlags = child(child(child(jib, "configuration"), "container"), "jvmFlags");
        NodeList flagNodes = jvmFlags == null ? null : jvmFlags.getElementsByTagName("jvmFlag");
        for (int i = 0; flagNodes != null && i < flagNodes.getLength(); i++) {
            flags.add(flagNodes.item(i).getTextContent().trim());
        }
        if (flags.stream().noneMatch(f -> f.startsWith("-XX:MaxRAMPercentage="))) {
            violations.add("no -XX:MaxRAMPercentage: the heap would ignore the container's memory limit");
        }
        if (flags.stream().anyMatch(f -> f.startsWith("-Xmx"))) {
            violations.add("-Xmx fixes the heap whatever the container's memory limit");
        }
        if (resolve(text(jib, "configuration/container/creationTime"), properties) == null) {
            violations.add("no fixed creationTime: the same commit would give different images");
        }
        return violations;
    }

    private static String resolve(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String replacement = properties.get(placeholder.group(1));
            if (replacement == null) {
                return null;
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        return placeholder.appendTail(resolved).toString();
    }

    private static Element plugin(Document pom, String path) {
        Element plugins = pom.getDocumentElement();
        for (String step : path.split("/")) {
            plugins = child(plugins, step);
            if (plugins == null) {
                return null;
            }
        }
        NodeList all = plugins.getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i) instanceof Element plugin && "jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                return plugin;
            }
        }
        return null;
    }

    private static String text(Element element, String path) {
        Element current = element;
        for (String step : path.split("/")) {
            current = child(current, step);
            if (current == null) {
                return null;
            }
        }
        return current.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
