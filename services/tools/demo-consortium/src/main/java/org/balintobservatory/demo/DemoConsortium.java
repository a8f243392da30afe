package org.balintobservatory.demo;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Generates the demo consortium and loads it through the public API's batch endpoints, or writes it as NDJSON.
 *
 * <pre>
 * java -jar demo-consortium.jar [--seed 42] [--scale]
 *      (--base-url http://localhost:8080 --keys keys.properties [--key institution=key ...] [--concurrency 4]
 *       | --ndjson target/demo)
 * </pre>
 *
 * The keys file is a properties file mapping institution ids (e.g. {@code hu-pannonia}) to their API
 * keys; institutions without a key are skipped. Exit status 1 when a call was refused.
 */
public final class DemoConsortium {

    private DemoConsortium() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--scale" -> options.put("scale", "true");
                case "--key" -> {
                    String pair = value(args, ++i, arg);
                    int eq = pair.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--key takes institution=key");
                    }
                    keys.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                case "--seed", "--base-url", "--keys", "--ndjson", "--concurrency" ->
                        options.put(arg.substring(2), value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        ConsortiumSpec spec = options.containsKey("scale") ? ConsortiumSpec.scale(seed) : ConsortiumSpec.demo(seed);
        Consortium consortium = ConsortiumGenerator.generate(spec);
        Map<String, List<ApiRequest>> plan = ApiPlan.byInstitution(consortium);
        System.out.printf("consortium (seed %d): %d institutions, %d programmes, %d groups, %d responses, %d events%n",
                seed, consortium.institutions().size(), consortium.programmes().size(), consortium.groups().size(),
                consortium.responses().size(), consortium.eventCount());

        if (options.containsKey("ndjson")) {
            long lines = new NdjsonWriter().write(plan, Path.of(options.get("ndjson")));
            System.out.printf("wrote %d calls to %s%n", lines, options.get("ndjson"));
            return;
        }
        if (options.containsKey("keys")) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(options.get("keys")))) {
                file.load(in);
            }
            file.stringPropertyNames().forEach(name -> keys.putIfAbsent(name, file.getProperty(name)));
        }
        URI base = URI.create(options.getOrDefault("base-url", "http://localhost:8080"));
        BatchLoader loader = new BatchLoader(base, BatchLoader.DEMO_CHUNK_LINES,
                Integer.parseInt(options.getOrDefault("concurrency", "4")), System.out::println);
        BatchLoader.Result result = loader.load(NdjsonWriter.byInstitution(plan), keys);
        System.out.printf("%d lines in %.1f s: %d stored, %d already there, %d refused%n", result.lines(),
                result.seconds(), result.stored(), result.unchanged(), result.refused());
        result.refusals().stream().limit(20).forEach(System.out::println);
        if (result.refused() > 0) {
            System.exit(1);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
