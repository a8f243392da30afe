package org.balintobservatory.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one benchmark run does.
 *
 * @param institutions    size of the scale consortium; 100 is the consortium issue #12's targets are for
 * @param seed            the consortium's seed
 * @param runs            repetitions of the cheap measurements (replays)
 * @param output          the report; the section for this size is replaced, the others kept
 * @param dataDirectory   the stack's data directory; {@code null}: a fresh temporary one, removed at the end
 * @param projectRoot     the checkout, where the jars are built
 * @param chunkLines      lines per batch request (every batch endpoint takes up to 20,000, docs/batches.md)
 * @param concurrency     institutions loaded at the same time
 * @param firstShare      share of the institutions loaded in the first phase, before the first latency round
 * @param requests        warm requests per endpoint and latency round
 * @param settle          pause after loading before memory at rest is read, so the JVMs can settle
 * @param stackJvmOptions JVM options of the local-stack process
 * @param profile         record a JFR profile of every JVM of the stack in each load phase and the rebuilds
 * @param arguments       the arguments as given, for the report
 */
public record BenchmarkOptions(
        int institutions,
        long seed,
        int runs,
        Path output,
        Path dataDirectory,
        Path projectRoot,
        int chunkLines,
        int concurrency,
        double firstShare,
        int requests,
        Duration settle,
        String stackJvmOptions,
        boolean profile,
        List<String> arguments) {

    static final String USAGE = """
            ConsortiumBenchmark [--institutions 100] [--seed 42] [--runs 5] [--output docs/benchmarks.md]
                                [--data-directory DIR] [--project-root .] [--chunk-lines 1000] [--concurrency 4]
                                [--requests 50] [--settle-seconds 30] [--stack-jvm-options "..." | none]
                                [--no-profile]""";

    public BenchmarkOptions {
        if (institutions < 2) {
            throw new IllegalArgumentException("--institutions must be at least 2 (two load phases)");
        }
        if (runs < 1 || requests < 1 || concurrency < 1) {
            throw new IllegalArgumentException("--runs, --requests and --concurrency must be at least 1");
        }
        if (chunkLines < 1 || chunkLines > 20_000) {
            throw new IllegalArgumentException("--chunk-lines must be 1 to 20,000 (the batch limit)");
        }
        arguments = List.copyOf(arguments);
    }

    /** Institutions loaded in the first phase: at least one, and at least one left for the second. */
    public int firstPhaseInstitutions() {
        return Math.min(institutions - 1, Math.max(1, (int) Math.round(institutions * firstShare)));
    }

    /**
     * @param defaultStackJvmOptions the options the build put in benchmark.properties
     */
    public static BenchmarkOptions parse(String[] args, String defaultStackJvmOptions) {
        int institutions = 100;
        long seed = 42;
        int runs = 5;
        Path output = Path.of("docs/benchmarks.md");
        Path data = null;
        Path root = Path.of(".");
        int chunk = 1_000;
        int concurrency = 4;
        int requests = 50;
        Duration settle = Duration.ofSeconds(30);
        String jvm = defaultStackJvmOptions;
        boolean profile = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--institutions" -> institutions = Integer.parseInt(value(args, ++i, option));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, option));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, option));
                case "--output" -> output = Path.of(value(args, ++i, option));
                case "--data-directory" -> data = Path.of(value(args, ++i, option));
                case "--project-root" -> root = Path.of(value(args, ++i, option));
                case "--chunk-lines" -> chunk = Integer.parseInt(value(args, ++i, option));
                case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, option));
                case "--requests" -> requests = Integer.parseInt(value(args, ++i, option));
                case "--settle-seconds" -> settle = Duration.ofSeconds(Long.parseLong(value(args, ++i, option)));
                case "--stack-jvm-options" -> {
                    // "none" starts the stack's JVM with its defaults: an empty argument does not survive a shell.
                    String given = value(args, ++i, option);
                    jvm = given.equals("none") ? "" : given;
                }
                case "--no-profile" -> profile = false;
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return new BenchmarkOptions(institutions, seed, runs, output, data, root.toAbsolutePath().normalize(), chunk,
                concurrency, 0.2, requests, settle, jvm, profile, List.of(args));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
