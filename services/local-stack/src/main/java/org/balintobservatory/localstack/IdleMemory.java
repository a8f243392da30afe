package org.balintobservatory.localstack;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives back the heap the stack's JVMs grew under load once the stack is idle again. A JVM on the serial collector
 * returns heap to the machine only after a full collection, and an idle JVM collects nothing, so after a load or
 * a data release's cut each kept what it had grown to for as long as the stack ran: the stack's own JVM 798 MiB at
 * rest against 557 MiB while loading 100 institutions, the group service 542 MiB.
 *
 * <p>Every {@link #INTERVAL} it reads the CPU time of its own JVM and of every service process. When the stack
 * has worked at least {@link #BUSY} of CPU since the last collection and then used less than
 * {@link #IDLE_SHARE} of one core over an interval, it has each service's JVM collect with its heap shrinking to
 * {@link #FREE_RATIO_AT_REST} % free ({@link #restCommands}, run by {@code jcmd}, the JDK's own tool beside this
 * JVM's {@code java}; without it, a JRE, only this JVM collects), then collects and trims the native heap of its
 * own the same way ({@link NativeHeap}; the services trim theirs every {@link NativeHeap#TRIM_INTERVAL}, so what
 * their collection freed outside the heap follows within that): once per spell of work, never while the stack is
 * busy, so no request waits for it.
 *
 * <p>The heap shrinks that far only at rest: while working, each JVM keeps its own ratios (at most 70 % free by
 * default), because a JVM shrunk to half free after every full collection under load fills its old generation and
 * collects in full again all the sooner.
 */
final class IdleMemory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdleMemory.class);

    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** CPU the stack must have spent working (in intervals that were not idle) since the last collection. */
    static final Duration BUSY = Duration.ofSeconds(20);
    /**
     * Below this share of one core over an interval, the stack is idle: an idle stack still polls (the broker,
     * the publishers' tracking processors, the projection's consumer, the health checks), more than 5 % of a core
     * on the machine the benchmark runs on, and loading keeps it above one core.
     */
    static final double IDLE_SHARE = 0.30;
    /**
     * The share of the heap left free after the collection at rest ({@code -XX:MaxHeapFreeRatio}, and
     * {@code -XX:MinHeapFreeRatio}, which may not exceed it, as far as needed).
     */
    static final int FREE_RATIO_AT_REST = 30;
    /** HotSpot's {@code MaxHeapFreeRatio} when no option sets it. */
    static final int DEFAULT_FREE_RATIO = 70;
    /** HotSpot's {@code MinHeapFreeRatio} when no option sets it. */
    static final int DEFAULT_MIN_FREE_RATIO = 40;
    private static final String FREE_RATIO = "MaxHeapFreeRatio";
    private static final String MIN_FREE_RATIO = "MinHeapFreeRatio";

    /**
     * The diagnostic commands of a service's collection at rest: its heap may keep at most
     * {@link #FREE_RATIO_AT_REST} % free (manageable flags, set for the collection only: the least free share first,
     * which may not exceed the most), a full collection, and the ratios it works with again, in the reverse order.
     *
     * @param working    the service's own {@code MaxHeapFreeRatio}
     * @param workingMin the service's own {@code MinHeapFreeRatio}
     */
    static List<String> restCommands(int working, int workingMin) {
        if (working <= FREE_RATIO_AT_REST) {
            return List.of("GC.run");
        }
        List<String> commands = new ArrayList<>();
        boolean lowerMin = workingMin > FREE_RATIO_AT_REST;
        if (lowerMin) {
            commands.add("VM.set_flag " + MIN_FREE_RATIO + " " + FREE_RATIO_AT_REST);
        }
        commands.add("VM.set_flag " + FREE_RATIO + " " + FREE_RATIO_AT_REST);
        commands.add("GC.run");
        commands.add("VM.set_flag " + FREE_RATIO + " " + working);
        if (lowerMin) {
            commands.add("VM.set_flag " + MIN_FREE_RATIO + " " + workingMin);
        }
        return commands;
    }

    /** What decides, apart from the clock and the processes: fed the stack's work once an interval. */
    static final class Decision {
        private long busySinceCollection;

        /** @return whether to collect now, given the CPU the stack used over the interval just ended */
        boolean collectAfter(long usedNanos, long intervalNanos) {
            if (usedNanos >= IDLE_SHARE * intervalNanos) {
                // work; an idle stack's own polling never adds up to a collection
                busySinceCollection += usedNanos;
                return false;
            }
            if (busySinceCollection >= BUSY.toNanos()) {
                busySinceCollection = 0;
                return true;
            }
            return false;
        }
    }

    /**
     * The CPU the stack's processes used between two readings of their CPU time by pid: a process started since the
     * first reading (a service started again) counts all of its time, which it spent starting.
     */
    static long used(Map<Long, Long> before, Map<Long, Long> now) {
        long used = 0;
        for (Map.Entry<Long, Long> process : now.entrySet()) {
            used += process.getValue() - before.getOrDefault(process.getKey(), 0L);
        }
        return used;
    }

    private final ServiceProcesses services;
    private final Decision decision = new Decision();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "idle-memory");
        thread.setDaemon(true);
        return thread;
    });
    private Map<Long, Long> lastCpu;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    IdleMemory(ServiceProcesses services) {
        this.services = services;
    }

    IdleMemory start() {
        timer.scheduleWithFixedDelay(this::check, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void check() {
        try {
            Map<Long, Long> cpu = stackCpuNanos();
            boolean collect = lastCpu != null && decision.collectAfter(used(lastCpu, cpu), INTERVAL.toNanos());
            lastCpu = cpu;
            if (collect) {
                collect();
            }
        } catch (RuntimeException e) {
            log.debug("idle memory check failed: {}", e.toString());
        }
    }

    /** CPU time so far of this JVM and of every running service process, by pid. */
    private Map<Long, Long> stackCpuNanos() {
        Map<Long, Long> nanos = new HashMap<>();
        nanos.put(ProcessHandle.current().pid(), cpu(ProcessHandle.current()));
        for (ServiceInstance instance : services.all()) {
            long pid = instance.pid();
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(p -> nanos.put(pid, cpu(p)));
            }
        }
        return nanos;
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private void collect() {
        if (Files.isExecutable(jcmd)) {
            for (ServiceInstance instance : services.all()) {
                long pid = instance.pid();
                if (pid > 0) {
                    collect(jcmd, pid, restCommands(
                            instance.jvmOption(FREE_RATIO).map(Integer::parseInt).orElse(DEFAULT_FREE_RATIO),
                            instance.jvmOption(MIN_FREE_RATIO).map(Integer::parseInt).orElse(DEFAULT_MIN_FREE_RATIO)));
                }
            }
        }
        long before = Runtime.getRuntime().totalMemory() >> 20;
        collectThisJvm();
        // What the collection and the busy spell freed outside the heap (the services trim theirs periodically).
        String trimmed = NativeHeap.trimNow().map(report -> "; " + report).orElse("");
        // The benchmark waits for this line ("the stack is idle:") before it reads memory at rest.
        log.info("the stack is idle: its JVM collected to give back the heap it grew ({} -> {} MiB){}", before,
                Runtime.getRuntime().totalMemory() >> 20, trimmed);
    }

    /** A full collection of this JVM, its heap shrinking as a service's does ({@link #restCommands}). */
    static void collectThisJvm() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String working = hotspot.getVMOption(FREE_RATIO).getValue();
        String workingMin = hotspot.getVMOption(MIN_FREE_RATIO).getValue();
        boolean lower = Integer.parseInt(working) > FREE_RATIO_AT_REST;
        boolean lowerMin = lower && Integer.parseInt(workingMin) > FREE_RATIO_AT_REST;
        if (lowerMin) {
            hotspot.setVMOption(MIN_FREE_RATIO, String.valueOf(FREE_RATIO_AT_REST));
        }
        try {
            if (lower) {
                hotspot.setVMOption(FREE_RATIO, String.valueOf(FREE_RATIO_AT_REST));
            }
            System.gc();
        } finally {
            if (lower) {
                hotspot.setVMOption(FREE_RATIO, working);
            }
            if (lowerMin) {
                hotspot.setVMOption(MIN_FREE_RATIO, workingMin);
            }
        }
    }

    /** Runs diagnostic commands in another JVM, in one {@code jcmd} ({@code -f}, a file of commands). */
    static void collect(Path jcmd, long pid, List<String> commands) {
        Path file = null;
        try {
            file = Files.createTempFile("idle-memory-", ".jcmd");
            Files.write(file, commands);
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            log.debug("jcmd {} {} failed: {}", pid, commands, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.debug("could not remove {}: {}", file, e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
