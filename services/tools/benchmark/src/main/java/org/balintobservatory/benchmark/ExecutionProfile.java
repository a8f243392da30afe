package org.balintobservatory.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where one JVM spent its CPU during one measured window, from the {@code jdk.ExecutionSample} events of a
 * JFR recording: each event is one thread caught running Java code, and its top frame is the method it was
 * in (the self frame). A method's count of samples over the whole count is its share of the JVM's Java CPU
 * time in the window; time in native code and in the JVM itself (compiler, collector) is not sampled here.
 *
 * @param jvm      the process's role in the stack (local-stack, or a service)
 * @param samples  execution samples in the recording
 * @param methods  the methods most often on top of the stack, most samples first
 * @param packages the packages of those top frames, most samples first
 */
public record ExecutionProfile(String jvm, long samples, List<Count> methods, List<Count> packages) {

    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    /**
     * What the JVM adds to the name of a class it generates (lambdas, method handles): a number and an
     * address that change from run to run, {@code Outer$$Lambda$2598+0x00007fc20c98fd78.1111773286}.
     */
    private static final Pattern GENERATED =
            Pattern.compile("(?:(\\$\\$Lambda)\\$\\d+)?\\+0x[0-9a-f]+(?:[./]\\d+)?$");

    /** @param name a method as {@code package.Type.method}, or a package */
    public record Count(String name, long samples) {

        public double share(long total) {
            return total == 0 ? 0 : (double) samples / total;
        }
    }

    /**
     * Reads a recording and keeps the {@code top} methods and packages.
     *
     * @throws IOException when the file is not a readable recording
     */
    public static ExecutionProfile read(String jvm, Path recording, int top) throws IOException {
        Tally tally = new Tally();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals(EXECUTION_SAMPLE)) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    tally.addUnknown();
                    continue;
                }
                RecordedFrame self = stack.getFrames().get(0);
                RecordedMethod method = self.getMethod();
                tally.add(method.getType().getName(), method.getName());
            }
        }
        return tally.profile(jvm, top);
    }

    /**
     * Counts self frames by method and by package. A sample without a stack trace counts in the total, so
     * that every share is of all the JVM's samples.
     */
    static final class Tally {

        static final String UNKNOWN = "(no stack trace)";

        private final Map<String, Long> methods = new HashMap<>();
        private final Map<String, Long> packages = new HashMap<>();
        private long samples;

        /**
         * @param type a class name as the JVM gives it, {@code org.example.Outer$Inner}; a generated class is
         *             counted under its stable part, so that runs compare
         */
        void add(String type, String method) {
            type = GENERATED.matcher(type).replaceFirst("$1");
            samples++;
            methods.merge(type + "." + method, 1L, Long::sum);
            int dot = type.lastIndexOf('.');
            packages.merge(dot < 0 ? "(default package)" : type.substring(0, dot), 1L, Long::sum);
        }

        void addUnknown() {
            samples++;
            methods.merge(UNKNOWN, 1L, Long::sum);
            packages.merge(UNKNOWN, 1L, Long::sum);
        }

        ExecutionProfile profile(String jvm, int top) {
            return new ExecutionProfile(jvm, samples, top(methods, top), top(packages, top));
        }

        /** The {@code n} largest counts, ties in name order so that a report does not change between reads. */
        private static List<Count> top(Map<String, Long> counts, int n) {
            return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(Count::samples).reversed().thenComparing(Count::name))
                    .limit(n).toList();
        }
    }
}
