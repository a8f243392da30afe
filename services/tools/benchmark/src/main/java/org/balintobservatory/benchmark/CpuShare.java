package org.balintobservatory.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How much of the machine's CPU went to processes that are neither the stack nor the benchmark while
 * something was measured: a figure taken on a machine that was busy with other work is slower than the
 * system, and the report says so instead of leaving the reader to guess.
 *
 * <p>From {@code /proc/stat} (every CPU's busy and idle time) and {@code /proc/<pid>/stat} (each process's
 * user and system time), in clock ticks. A stack process that ended meanwhile (a closed PostgreSQL
 * connection) takes its ticks with it, so the share of others is an upper bound.
 */
public final class CpuShare {

    /**
     * Above this share of the machine used by other processes, a figure is marked as not comparable with
     * another run's (issue #28): the stack had that much less of the machine than in a quiet run.
     */
    public static final double COMPARABLE_LIMIT = 0.20;

    private final Supplier<Map<Long, String>> stack;
    private final long startBusy;
    private final long startTotal;
    private final long startOwn;

    private CpuShare(Supplier<Map<Long, String>> stack) {
        this.stack = stack;
        long[] machine = machine();
        this.startBusy = machine[0];
        this.startTotal = machine[1];
        this.startOwn = own();
    }

    public static CpuShare start(Supplier<Map<Long, String>> stack) {
        return new CpuShare(stack);
    }

    /**
     * @param busy   share of the machine's capacity in use, 0 to 1
     * @param others share of it used by other processes, 0 to 1
     */
    public record Reading(double busy, double others) {

        public boolean comparable() {
            return others <= COMPARABLE_LIMIT;
        }
    }

    public Reading stop() {
        long[] machine = machine();
        long total = machine[1] - startTotal;
        if (total <= 0) {
            return new Reading(0, 0);
        }
        long busy = machine[0] - startBusy;
        long own = own() - startOwn;
        return new Reading((double) busy / total, Math.max(0, (double) (busy - own) / total));
    }

    /** Ticks of the stack's processes still alive, and this JVM's, since they started. */
    private long own() {
        long ticks = processTicks(ProcessHandle.current().pid());
        for (Long pid : stack.get().keySet()) {
            ticks += processTicks(pid);
        }
        return ticks;
    }

    /** {@code [busy, total]} ticks over all CPUs since boot. */
    static long[] machine() {
        try {
            return parseMachine(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException e) {
            return new long[]{0, 0};
        }
    }

    static long[] parseMachine(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[]{total - idle, total};
    }

    static long processTicks(long pid) {
        try {
            return parseProcess(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime: fields 14 and 15, counted after the command name, which may hold spaces. */
    static long parseProcess(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
