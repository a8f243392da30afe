package org.balintobservatory.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where and on what a benchmark ran, read from the machine and the checkout rather than typed in.
 *
 * @param cores      processors available to the JVM
 * @param memoryKb   {@code MemTotal} of /proc/meminfo
 * @param cpu        the first {@code model name} of /proc/cpuinfo
 * @param java       the runtime that ran the stack (the benchmark starts it with its own {@code java})
 * @param os         name and kernel version
 * @param commit     {@code git rev-parse --short HEAD}
 * @param dirtyPaths top-level folders with uncommitted changes (empty: a clean tree)
 */
public record Machine(int cores, long memoryKb, String cpu, String java, String os, String commit,
                      List<String> dirtyPaths) {

    /**
     * @param report the report being written: a change to it is this run's own doing, not a change to what
     *               was measured
     */
    public static Machine describe(Path projectRoot, Path report) {
        String own = projectRoot.relativize(projectRoot.resolve(report).normalize()).toString();
        return new Machine(Runtime.getRuntime().availableProcessors(), memTotalKb(), cpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                git(projectRoot, "rev-parse", "--short", "HEAD").stream().findFirst().orElse("unknown"),
                dirty(git(projectRoot, "status", "--porcelain"), own));
    }

    private static long memTotalKb() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Folders (two levels, e.g. {@code services/analytics-service}) holding uncommitted changes but {@code own}. */
    static List<String> dirty(List<String> porcelain, String own) {
        TreeSet<String> folders = new TreeSet<>();
        for (String line : porcelain) {
            if (line.length() < 4) {
                continue;
            }
            String path = line.substring(3);
            int arrow = path.indexOf(" -> ");
            if (arrow >= 0) {
                path = path.substring(arrow + 4);
            }
            path = path.replace("\"", "");
            if (path.equals(own)) {
                continue;
            }
            String[] parts = path.split("/");
            folders.add(parts.length > 2 ? parts[0] + "/" + parts[1] : path);
        }
        return new ArrayList<>(folders);
    }

    private static List<String> git(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return git.waitFor() == 0 ? out.lines().toList() : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
