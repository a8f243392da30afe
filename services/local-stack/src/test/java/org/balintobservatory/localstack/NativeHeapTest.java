package org.balintobservatory.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeHeapTest {

    @Test
    void aServiceJvmOnThisRuntimeAcceptsTheTrimOption() throws Exception {
        List<String> options = NativeHeap.trimOptions(LocalStackProperties.SERVICE_JVM_OPTIONS);
        assertThat(options).hasSize(NativeHeap.supported() ? 1 : 0);
        assumeTrue(NativeHeap.supported(), "a runtime before 17.0.9 has no native heap trimming");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-XX:+PrintFlagsFinal");
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("TrimNativeHeapInterval\\s+= " + NativeHeap.TRIM_INTERVAL.toMillis());
    }

    @Test
    void theUsersOwnSettingIsKept() {
        assertThat(NativeHeap.trimOptions(LocalStackProperties.SERVICE_JVM_OPTIONS + " -XX:TrimNativeHeapInterval=0"))
                .isEmpty();
    }

    @Test
    void thisJvmTrimsOnRequestAndSaysWhatItGaveBack() {
        assumeTrue(NativeHeap.supported(), "a runtime before 17.0.9 has no native heap trimming");

        assertThat(NativeHeap.trimNow()).hasValueSatisfying(report -> assertThat(report).contains("RSS"));
    }
}
