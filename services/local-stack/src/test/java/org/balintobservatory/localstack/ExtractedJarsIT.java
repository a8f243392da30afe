package org.balintobservatory.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Unpacking the services' built jars (the local stack starts them from there); copies, so the build's own stay. */
class ExtractedJarsIT {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void aServiceIsStartedFromItsApplicationJarBesideItsLibraries() throws Exception {
        Path packaged = copy("access-service", "access-service.jar");

        Path launchable = ExtractedJars.launchable(packaged, JAVA);

        assertThat(launchable.getFileName()).hasToString("access-service.jar");
        assertThat(launchable.getParent().getParent()).isEqualTo(dir.resolve("extracted"));
        assertThat(launchable.getParent().getFileName().toString())
                .isEqualTo("access-service-" + ExtractedJars.fingerprint(packaged));
        try (JarFile jar = new JarFile(launchable.toFile())) {
            Manifest manifest = jar.getManifest();
            // Not Spring Boot's launcher of nested jars: the application itself, its libraries on the class path.
            assertThat(manifest.getMainAttributes().getValue("Main-Class"))
                    .doesNotStartWith("org.springframework.boot.loader");
            String[] classPath = manifest.getMainAttributes().getValue("Class-Path").split(" ");
            assertThat(classPath).hasSizeGreaterThan(50);
            for (String entry : classPath) {
                assertThat(launchable.resolveSibling(entry)).isRegularFile();
            }
        }
    }

    @Test
    void theSameBuildIsUnpackedOnceAndANewBuildReplacesIt() throws Exception {
        Path packaged = copy("access-service", "service.jar");
        Path first = ExtractedJars.launchable(packaged, JAVA);
        Path mark = first.resolveSibling("mark");
        Files.writeString(mark, "unpacked once");

        assertThat(ExtractedJars.launchable(packaged, JAVA)).isEqualTo(first);
        assertThat(mark).exists();

        // A new build of the service under the same name: unpacked anew, the older copy removed.
        Files.copy(built("survey-service"), packaged, StandardCopyOption.REPLACE_EXISTING);
        Path second = ExtractedJars.launchable(packaged, JAVA);
        assertThat(second).isNotEqualTo(first).isRegularFile();
        assertThat(first.getParent()).doesNotExist();
        assertThat(folders()).containsExactly(second.getParent());
    }

    @Test
    void twoStacksStartingAtOnceShareOneCompleteCopy() throws Exception {
        Path packaged = copy("access-service", "access-service.jar");
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Path>> starts = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return ExtractedJars.launchable(packaged, JAVA);
        })).limit(2).toList();

        Path one = starts.get(0).get();
        Path other = starts.get(1).get();

        assertThat(one).isEqualTo(other).isNotEqualTo(packaged).isRegularFile();
        // No half-written folder left beside the one copy.
        assertThat(folders()).containsExactly(one.getParent());
    }

    @Test
    void aJarThatCannotBeUnpackedIsStartedAsItIs() throws IOException {
        Path plain = dir.resolve("plain.jar");
        try (OutputStream out = Files.newOutputStream(plain); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\r\n\r\n".getBytes());
            zip.closeEntry();
        }

        assertThat(ExtractedJars.launchable(plain, JAVA)).isEqualTo(plain);
        assertThat(folders()).isEmpty();
    }

    private List<Path> folders() throws IOException {
        Path root = dir.resolve("extracted");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.toList();
        }
    }

    private Path copy(String service, String as) throws IOException {
        return Files.copy(built(service), dir.resolve(as));
    }

    private static Path built(String service) {
        Path jar = SharedStack.checkout().resolve("services").resolve(service).resolve("target")
                .resolve(service + ".jar");
        assertThat(jar).as("built by the reactor before this module's integration tests").isRegularFile();
        return jar;
    }
}
