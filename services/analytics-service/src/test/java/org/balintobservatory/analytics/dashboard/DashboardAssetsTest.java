package org.balintobservatory.analytics.dashboard;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard has no build step, so nothing else notices a broken module path: every file index.html
 * loads and every ES module import must resolve to something the service serves, its own static files or
 * a WebJar on the classpath (a WebJar upgrade without the matching import change fails here).
 */
class DashboardAssetsTest {

    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(?:import|export)\\s[^'\";]*?from\\s+'([^']+)'");
    private static final Pattern HTML_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"");
    private static final URI ROOT = URI.create("http://dashboard/");

    @Test
    void everyFileTheDashboardLoadsIsServed() throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String reference : references(read("index.html"), HTML_REFERENCE)) {
            follow(ROOT.resolve(reference), missing, seen);
        }
        assertThat(seen).as("files reached from index.html")
                .contains("/js/main.js", "/js/charts.js", "/js/pages/comparison.js", "/css/dashboard.css")
                .anyMatch(path -> path.startsWith("/webjars/echarts/"));
        assertThat(missing).as("referenced but not served").isEmpty();
    }

    @Test
    void importsAreFoundInModuleSource() {
        assertThat(references("""
                import { a } from './a.js';
                import * as b from '../webjars/b/1.0/b.js';
                export { c } from "./c.js";
                const d = 'import x from ';
                """, IMPORT)).containsExactly("./a.js", "../webjars/b/1.0/b.js");
    }

    private void follow(URI target, List<String> missing, List<String> seen) throws IOException {
        String path = target.getPath();
        if (seen.contains(path)) {
            return;
        }
        seen.add(path);
        String resource = resource(path);
        if (resource == null) {
            missing.add(path);
            return;
        }
        if (path.endsWith(".js") && !path.startsWith("/webjars/")) {
            for (String reference : references(resource, IMPORT)) {
                follow(target.resolve(reference), missing, seen);
            }
        }
    }

    private static List<String> references(String source, Pattern pattern) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(source);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** What Spring Boot would serve at that path: classpath static/ first, then META-INF/resources/. */
    private static String resource(String path) throws IOException {
        for (String location : List.of("static", "META-INF/resources")) {
            try (InputStream in = DashboardAssetsTest.class.getClassLoader().getResourceAsStream(location + path)) {
                if (in != null) {
                    return path.startsWith("/webjars/") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static String read(String file) throws IOException {
        String content = resource("/" + file);
        assertThat(content).as(file).isNotNull();
        return content;
    }
}
