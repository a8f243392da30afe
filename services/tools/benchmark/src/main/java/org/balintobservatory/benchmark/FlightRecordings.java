package org.balintobservatory.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A JFR recording in every JVM of the stack for each measured window, started and stopped from outside with
 * {@code jcmd} (the JDK's own diagnostic command; the stack needs no option for it, and a stack started
 * without the benchmark records nothing). Each recording uses the JDK's {@code default} settings, which
 * the JDK describes as "low overhead configuration safe for continuous use in production environments,
 * typically less than 1 % overhead"; its buffers and classes are in the memory the benchmark reads.
 *
 * <p>Recordings are written under {@code profiles/} in the stack's data directory, one folder per window, so
 * a run with {@code --data-directory} keeps them for JDK Mission Control or {@code jfr print}.
 */
final class FlightRecordings {

    /** Methods and packages kept per JVM and window. */
    static final int TOP = 10;
    private static final long JCMD_SECONDS = 120;

    private final Path jcmd;
    private final Path directory;
    private final Supplier<Map<Long, String>> processes;
    private final Consumer<String> log;

    /**
     * @param processes the stack's processes by role, read again at each start: a service the stack
     *                  restarted has a new pid
     */
    FlightRecordings(Path directory, Supplier<Map<Long, String>> processes, Consumer<String> log) {
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.directory = directory;
        this.processes = processes;
        this.log = log;
    }

    /**
     * What one window's recordings gave.
     *
     * @param window   the measured window, as the report names it
     * @param jvms     one profile per JVM recorded, in the stack's process order
     * @param failures JVMs without a profile, and why
     */
    record Window(String window, List<ExecutionProfile> jvms, List<String> failures) {
    }

    /**
     * Starts a recording in every JVM of the stack.
     *
     * @param id     names the recordings and their folder: letters, digits and hyphens
     * @param window what the report calls the window
     */
    Running start(String id, String window) throws InterruptedException {
        String name = "benchmark-" + id;
        Map<Long, String> started = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Long, String> process : jvms(processes.get()).entrySet()) {
            String answer = run(process.getKey(), "Started recording", "JFR.start", "name=" + name,
                    "settings=default", "maxsize=1G");
            if (answer == null) {
                started.put(process.getKey(), process.getValue());
            } else {
                failures.add(process.getValue() + ": JFR.start " + answer);
            }
        }
        log.accept("JFR recording " + name + " started in " + started.values());
        return new Running(window, name, started, failures);
    }

    /** A window being recorded. */
    final class Running {

        private final String window;
        private final String name;
        private final Map<Long, String> jvms;
        private final List<String> failures;

        private Running(String window, String name, Map<Long, String> jvms, List<String> failures) {
            this.window = window;
            this.name = name;
            this.jvms = jvms;
            this.failures = failures;
        }

        /** Stops every recording, writes it to a file and reads its execution samples. */
        Window stop() throws IOException, InterruptedException {
            Path folder = Files.createDirectories(directory.resolve(name));
            List<ExecutionProfile> profiles = new ArrayList<>();
            for (Map.Entry<Long, String> jvm : jvms.entrySet()) {
                Path file = folder.resolve(jvm.getValue() + ".jfr");
                String answer = run(jvm.getKey(), "Stopped recording", "JFR.stop", "name=" + name, "filename=" + file);
                if (answer != null) {
                    failures.add(jvm.getValue() + ": JFR.stop " + answer);
                    continue;
                }
                try {
                    profiles.add(ExecutionProfile.read(jvm.getValue(), file, TOP));
                } catch (IOException e) {
                    failures.add(jvm.getValue() + ": " + file.getFileName() + " unreadable: " + e.getMessage());
                }
            }
            log.accept("JFR recording " + name + " written to " + folder);
            return new Window(window, profiles, List.copyOf(failures));
        }
    }

    /** The stack's JVMs: its own and each service's; PostgreSQL's processes are not Java. */
    static Map<Long, String> jvms(Map<Long, String> processes) {
        Map<Long, String> jvms = new LinkedHashMap<>();
        processes.forEach((pid, role) -> {
            if (!role.equals("postgresql") && !role.equals("other")) {
                jvms.put(pid, role);
            }
        });
        return jvms;
    }

    /**
     * @param success what the target JVM answers when the command did what it was asked: jcmd exits 0 also
     *                when the command failed in the target ("Could not find …")
     * @return {@code null} when the command succeeded, otherwise what went wrong
     */
    private String run(long pid, String success, String... command) throws InterruptedException {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            if (!process.waitFor(JCMD_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "did not answer within " + JCMD_SECONDS + " s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || !output.contains(success)) {
                return "failed (exit " + process.exitValue() + "): " + output.replace('\n', ' ');
            }
            return null;
        } catch (IOException e) {
            return "could not run jcmd: " + e.getMessage();
        }
    }
}
