package org.balintobservatory.localstack;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The collection at rest ({@link IdleMemory#restCommands}) on a JVM started as the stack starts a service: its heap,
 * grown under load and idle since, shrinks to 30 % free of what is still live, and the JVM works on with its own
 * ratios afterwards.
 */
class IdleHeapTest {

    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private static final Pattern GENERATION_TOTAL = Pattern.compile("generation\\s+total (\\d+)K");

    @Test
    void aServiceIdleAfterLoadShrinksItsHeapAndKeepsItsOwnRatios() throws Exception {
        assumeTrue(Files.isExecutable(JCMD), "a runtime without jcmd (a JRE) does not collect its services");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms16m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:-ShrinkHeapInSteps", "-cp",
                System.getProperty("java.class.path"), Grown.class.getName()));
        Process service = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("grown");
            long grown = heapKiB(service.pid());
            assertThat(grown).as("the heap after the load").isGreaterThan(Grown.ALLOCATED_MIB * 1024L);

            IdleMemory.collect(JCMD, service.pid(), IdleMemory.restCommands(IdleMemory.DEFAULT_FREE_RATIO,
                    IdleMemory.DEFAULT_MIN_FREE_RATIO));

            long atRest = heapKiB(service.pid());
            // 41 MiB still live: the old generation 30 % free is 59 MiB, 86 MiB with the young generation sized
            // after it; half free would leave 83 and 120 MiB, the JVM's own 70 % 138 and 200 MiB.
            assertThat(atRest).as("the heap at rest, from %d KiB", grown).isBetween(Grown.LIVE_MIB * 1024L,
                    105 * 1024L);
            assertThat(jcmd(service.pid(), "VM.flags")).as("the ratios it works with again")
                    .contains("-XX:MaxHeapFreeRatio=" + IdleMemory.DEFAULT_FREE_RATIO)
                    .contains("-XX:MinHeapFreeRatio=" + IdleMemory.DEFAULT_MIN_FREE_RATIO);
        } finally {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServiceThatAlreadyKeepsLessFreeIsOnlyCollected() {
        assertThat(IdleMemory.restCommands(IdleMemory.FREE_RATIO_AT_REST, 10)).containsExactly("GC.run");
        assertThat(IdleMemory.restCommands(20, 10)).containsExactly("GC.run");
        assertThat(IdleMemory.restCommands(70, 40)).containsExactly("VM.set_flag MinHeapFreeRatio 30",
                "VM.set_flag MaxHeapFreeRatio 30", "GC.run", "VM.set_flag MaxHeapFreeRatio 70",
                "VM.set_flag MinHeapFreeRatio 40");
        assertThat(IdleMemory.restCommands(60, 20)).as("a least free share already below")
                .containsExactly("VM.set_flag MaxHeapFreeRatio 30", "GC.run", "VM.set_flag MaxHeapFreeRatio 60");
    }

    @Test
    void thisJvmCollectsAndWorksOnWithItsOwnRatios() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String max = hotspot.getVMOption("MaxHeapFreeRatio").getValue();
        String min = hotspot.getVMOption("MinHeapFreeRatio").getValue();

        IdleMemory.collectThisJvm();

        assertThat(hotspot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(max);
        assertThat(hotspot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(min);
    }

    /** The committed heap of a serial-collector JVM: its young and old generations. */
    private static long heapKiB(long pid) throws IOException, InterruptedException {
        Matcher total = GENERATION_TOTAL.matcher(jcmd(pid, "GC.heap_info"));
        long kib = 0;
        while (total.find()) {
            kib += Long.parseLong(total.group(1));
        }
        assertThat(kib).as("generations read").isPositive();
        return kib;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(JCMD.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    /** Stands for a service after a load: a heap grown to hold 200 MiB, of which 40 MiB stay live, then idle. */
    static final class Grown {

        static final int ALLOCATED_MIB = 200;
        static final int LIVE_MIB = 40;
        @SuppressWarnings("unused")
        private static volatile List<byte[]> live;

        public static void main(String[] args) throws InterruptedException {
            List<byte[]> all = new ArrayList<>();
            for (int i = 0; i < ALLOCATED_MIB; i++) {
                all.add(new byte[1024 * 1024]);
            }
            live = new ArrayList<>(all.subList(0, LIVE_MIB));
            all = null;
            System.out.println("grown");
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
