package org.balintobservatory.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The memory of the whole stack, as the machine sees it: the proportional set size (PSS) of every process,
 * read from {@code /proc/<pid>/smaps_rollup} once a second. PSS divides each shared page among the
 * processes sharing it, so the sum over processes counts PostgreSQL's shared buffers and the JVMs' shared
 * libraries once, which RSS would count once per process.
 */
public final class MemorySampler implements AutoCloseable {

    private final Supplier<Map<Long, String>> processes;
    private final Thread thread;
    private volatile boolean running = true;
    private Sample peak;

    /**
     * One reading.
     *
     * @param totalKb PSS summed over every process, in KiB
     * @param byRole  PSS summed per role (local-stack, each service, postgresql), in KiB
     */
    public record Sample(long totalKb, Map<String, Long> byRole) {
    }

    public MemorySampler(Supplier<Map<Long, String>> processes) {
        this.processes = processes;
        this.thread = new Thread(this::run, "pss-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            Sample sample = sample();
            synchronized (this) {
                if (peak == null || sample.totalKb() > peak.totalKb()) {
                    peak = sample;
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The highest reading since the previous call, and starts a new window. */
    public synchronized Sample takePeak() {
        Sample highest = peak == null ? sample() : peak;
        peak = null;
        return highest;
    }

    public Sample sample() {
        Map<String, Long> byRole = new TreeMap<>();
        long total = 0;
        for (Map.Entry<Long, String> process : processes.get().entrySet()) {
            long kb = pssKb(process.getKey());
            total += kb;
            byRole.merge(process.getValue(), kb, Long::sum);
        }
        return new Sample(total, new LinkedHashMap<>(byRole));
    }

    /** The {@code Pss:} line of smaps_rollup, 0 for a process that ended meanwhile. */
    static long pssKb(long pid) {
        try {
            return parsePss(Files.readString(Path.of("/proc", String.valueOf(pid), "smaps_rollup")));
        } catch (IOException e) {
            return 0;
        }
    }

    static long parsePss(String smapsRollup) {
        for (String line : smapsRollup.split("\n")) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
