package org.balintobservatory.localstack;

import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Gives the machine back the native memory a JVM freed. C's allocator (glibc's {@code malloc}) keeps what a
 * process freed for its next allocations rather than returning it, so what the JIT compilers, the network
 * buffers and the class loading of a busy spell allocated and freed stays in the process for as long as it
 * runs. HotSpot trims it on request: every {@link #TRIM_INTERVAL} with {@code -XX:TrimNativeHeapInterval}, or
 * once with the diagnostic command {@code System.trim_native_heap} (both in OpenJDK 17.0.9 and later); what it
 * gave back at 100 institutions is in docs/architecture.md#memory.
 *
 * @see <a href="https://bugs.openjdk.org/browse/JDK-8293114">JDK-8293114, JVM should trim the native heap</a>
 */
final class NativeHeap {

    static final Duration TRIM_INTERVAL = Duration.ofSeconds(10);
    private static final String OPTION = "TrimNativeHeapInterval";

    private NativeHeap() {
    }

    /**
     * The option that makes a service's JVM trim its native heap periodically: the services run on this JVM's
     * runtime, so only when this runtime knows the option (an older one would refuse to start), and not when the
     * user's own options already set it.
     */
    static List<String> trimOptions(String userOptions) {
        if (userOptions.contains(OPTION) || !supported()) {
            return List.of();
        }
        return List.of("-XX:" + OPTION + "=" + TRIM_INTERVAL.toMillis());
    }

    static boolean supported() {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(OPTION);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Trims this JVM's native heap now ({@code jcmd <pid> System.trim_native_heap}, through the platform's
     * diagnostic command bean), with the runtime's report of what it gave back; empty when the runtime cannot.
     */
    static Optional<String> trimNow() {
        try {
            Object report = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return Optional.of(String.valueOf(report).strip());
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
