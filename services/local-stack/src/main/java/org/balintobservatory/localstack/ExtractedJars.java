package org.balintobservatory.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A service's packaged jar unpacked once into the layout Spring Boot recommends for running it (its
 * {@code tools} jar mode, {@code extract}): the application's own jar beside a {@code lib/} folder of its
 * dependencies, named in the manifest's class path. Started from there, the JVM loads classes with its own class
 * loader from plain jars, where from the packaged jar Spring Boot's loader opens every class from a jar nested in
 * a jar, which took a large part of a service's start (docs/architecture.md#local-stack).
 *
 * <p>The unpacked copy sits beside the packaged jar, in a folder named after the packaged jar's content (its
 * size and checksum: the build sets every jar's time to the same instant, so times tell builds apart no more),
 * so a new build is unpacked anew and never mixes with an older copy; a copy is unpacked
 * into a temporary folder and renamed into place in one step, so two stacks starting at once (cluster mode
 * beside the shared stack in the tests) never see a half-written one.
 *
 * @see <a href="https://docs.spring.io/spring-boot/reference/packaging/efficient.html">Spring Boot, Efficient
 *      deployments: unpacking the executable jar</a>
 */
final class ExtractedJars {

    private static final Logger log = LoggerFactory.getLogger(ExtractedJars.class);
    private static final String FOLDER = "extracted";

    private ExtractedJars() {
    }

    /**
     * The jar to start: the unpacked application jar for {@code packaged}, unpacking it first if this build of
     * it was not unpacked yet; {@code packaged} itself if it cannot be unpacked (the service then starts as
     * before, only slower).
     */
    static Path launchable(Path packaged, Path java) {
        try {
            String name = packaged.getFileName().toString();
            Path root = packaged.resolveSibling(FOLDER);
            String build = stem(name) + "-" + fingerprint(packaged);
            Path unpacked = root.resolve(build);
            Path application = unpacked.resolve(name);
            if (Files.isRegularFile(application)) {
                return application;
            }
            Files.createDirectories(root);
            Path scratch = Files.createTempDirectory(root, build + ".");
            try {
                unpack(java, packaged, scratch);
                try {
                    Files.move(scratch, unpacked, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileSystemException e) {
                    // Another stack unpacked the same build at the same time (the rename finds its folder there,
                    // which Linux reports as a folder not empty): use its copy, the one checked below.
                    if (!Files.isRegularFile(application)) {
                        throw e;
                    }
                }
            } finally {
                deleteTree(scratch);
            }
            removeOlderBuilds(root, stem(name), build);
            return Files.isRegularFile(application) ? application : packaged;
        } catch (IOException | RuntimeException e) {
            log.warn("could not unpack {}, starting it packaged: {}", packaged, e.toString());
            return packaged;
        }
    }

    /** The jar's size and CRC-32C, in hexadecimal: a few tenths of a second for the four services' jars. */
    static String fingerprint(Path jar) throws IOException {
        CRC32C checksum = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long size = 0;
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            int read;
            while ((read = channel.read(buffer.clear())) >= 0) {
                size += read;
                checksum.update(buffer.flip());
            }
        }
        return size + "-" + Long.toHexString(checksum.getValue());
    }

    private static void unpack(Path java, Path packaged, Path destination) throws IOException {
        Path output = destination.resolveSibling(destination.getFileName() + ".log");
        Process process = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", packaged.toString(),
                "extract", "--force", "--destination", destination.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("unpacking " + packaged + " took longer than two minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("unpacking " + packaged + " failed (" + process.exitValue() + "): "
                        + Files.readString(output).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unpacking " + packaged, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Copies of earlier builds of the same service: a running process keeps its open files on delete. */
    private static void removeOlderBuilds(Path root, String stem, String current) {
        try (Stream<Path> children = Files.list(root)) {
            List<Path> older = children.filter(Files::isDirectory)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(stem + "-") && !n.startsWith(current)
                                && n.substring(stem.length() + 1).matches("\\d+-[0-9a-f]+(\\..*)?");
                    })
                    .toList();
            older.forEach(ExtractedJars::deleteTree);
        } catch (IOException e) {
            log.debug("could not list {}: {}", root, e.toString());
        }
    }

    private static void deleteTree(Path top) {
        try {
            FileSystemUtils.deleteRecursively(top);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", top, e.toString());
        }
    }

    private static String stem(String jarName) {
        return jarName.endsWith(".jar") ? jarName.substring(0, jarName.length() - 4) : jarName;
    }
}
