package org.balintobservatory.benchmark;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionProfileTest {

    private static volatile long blackhole;

    @Test
    void selfFramesAreCountedByMethodAndByPackageMostSamplesFirst() {
        ExecutionProfile.Tally tally = new ExecutionProfile.Tally();
        for (int i = 0; i < 5; i++) {
            tally.add("org.h2.mvstore.Page", "binarySearch");
        }
        for (int i = 0; i < 3; i++) {
            tally.add("org.h2.mvstore.DataUtils", "readVarInt");
        }
        tally.add("com.fasterxml.jackson.core.json.UTF8StreamJsonParser", "nextToken");
        tally.add("com.fasterxml.jackson.core.json.UTF8StreamJsonParser", "nextToken");
        tally.add("java.lang.String", "hashCode");
        tally.addUnknown();

        ExecutionProfile profile = tally.profile("analytics-service", 3);

        // 5 + 3 + 2 + 1 samples with frames, and one without: every share is of all 12.
        assertThat(profile.samples()).isEqualTo(12);
        assertThat(profile.methods()).containsExactly(
                new ExecutionProfile.Count("org.h2.mvstore.Page.binarySearch", 5),
                new ExecutionProfile.Count("org.h2.mvstore.DataUtils.readVarInt", 3),
                new ExecutionProfile.Count("com.fasterxml.jackson.core.json.UTF8StreamJsonParser.nextToken", 2));
        assertThat(profile.packages()).containsExactly(
                new ExecutionProfile.Count("org.h2.mvstore", 8),
                new ExecutionProfile.Count("com.fasterxml.jackson.core.json", 2),
                // A tie of one sample each: by name, so the report reads the same from the same recording.
                new ExecutionProfile.Count(ExecutionProfile.Tally.UNKNOWN, 1));
        assertThat(profile.methods().get(0).share(profile.samples())).isEqualTo(5 / 12.0);
    }

    @Test
    void generatedClassesAreCountedUnderTheirStableName() {
        ExecutionProfile.Tally tally = new ExecutionProfile.Tally();
        // As JFR names them in two runs: the lambda's number and the hidden class's address differ.
        tally.add("jdk.internal.net.http.HttpClientImpl$$Lambda$2598+0x00007fc20c98fd78.1111773286", "accept");
        tally.add("jdk.internal.net.http.HttpClientImpl$$Lambda$2611+0x00007fc20c9a1234.52", "accept");
        tally.add("java.lang.invoke.LambdaForm$MH+0x00007f177c663400.43748853", "invoke");
        tally.add("org.example.Plain$Inner", "run");

        assertThat(tally.profile("jvm", 10).methods()).containsExactly(
                new ExecutionProfile.Count("jdk.internal.net.http.HttpClientImpl$$Lambda.accept", 2),
                new ExecutionProfile.Count("java.lang.invoke.LambdaForm$MH.invoke", 1),
                new ExecutionProfile.Count("org.example.Plain$Inner.run", 1));
    }

    @Test
    void aRecordingOfABusyLoopHasTheLoopOnTop(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(ExecutionProfile.EXECUTION_SAMPLE).withPeriod(Duration.ofMillis(10));
            recording.start();
            // Half a second of this thread's own CPU time, however long a loaded machine takes to give it: the
            // sampler catches a thread running Java every 10 ms, so about 50 samples, nearly all in spin().
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long until = threads.getCurrentThreadCpuTime() + 500_000_000L;
            while (threads.getCurrentThreadCpuTime() < until) {
                blackhole += spin(2_000_000);
            }
            recording.stop();
            recording.dump(file);
        }

        ExecutionProfile profile = ExecutionProfile.read("test", file, 3);

        assertThat(profile.jvm()).isEqualTo("test");
        assertThat(profile.samples()).isPositive();
        assertThat(profile.methods().get(0).name()).isEqualTo(ExecutionProfileTest.class.getName() + ".spin");
        assertThat(profile.packages().get(0).name()).isEqualTo(ExecutionProfileTest.class.getPackageName());
    }

    /** Xorshift: every step depends on the one before, so the compiler can neither drop nor shorten it. */
    private static long spin(int steps) {
        long x = steps | 1L;
        for (int i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
