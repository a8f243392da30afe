package org.balintobservatory.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import org.balintobservatory.demo.ApiPlan;
import org.balintobservatory.demo.ApiRequest;
import org.balintobservatory.demo.Consortium;
import org.balintobservatory.demo.ConsortiumGenerator;
import org.balintobservatory.demo.ConsortiumSpec;
import org.balintobservatory.demo.BatchLoader;
import org.balintobservatory.demo.NdjsonWriter;
import org.balintobservatory.infrastructure.embedded.Patience;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The consortium benchmark of issue #12: on a fresh data directory, starts the local stack, registers the
 * scale consortium's institutions and issues their keys through the access API, loads the consortium
 * through the batch endpoints in two phases, measures ingestion (P1), rebuild (P2), warm latency (P3),
 * freshness under load (P4) and memory (P5), and writes them to docs/benchmarks.md with the machine, the
 * commit and the command. Every figure in that file comes from here.
 *
 * <pre>
 * ./mvnw -Pbenchmark -pl services/tools/benchmark -am package -DskipTests -Dbenchmark.args="--institutions 10"
 * </pre>
 */
public final class ConsortiumBenchmark {

    /** How long after the last latency round the stack may take to go idle and collect. */
    private static final Duration COLLECTION_PATIENCE = Duration.ofMinutes(2);

    static final String COMMAND = "./mvnw -Pbenchmark -pl services/tools/benchmark -am package -DskipTests";
    private static final Duration STARTUP = Duration.ofMinutes(6);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(15);
    private static final Duration REPLAY_LIMIT = Duration.ofMinutes(20);
    private static final int WARM_UP = 5;

    private final BenchmarkOptions options;
    private final List<String> notes = new ArrayList<>();
    private StackClient client;
    private String adminKey;
    private String researcherKey;
    private final Map<String, String> schoolKeys = new LinkedHashMap<>();
    /** {@link System#nanoTime()} when the last load phase had its last answer. */
    private long loadEnded;
    private Supplier<Map<Long, String>> stackProcesses;

    private ConsortiumBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = ConsortiumBenchmark.class.getResourceAsStream("/benchmark.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        }
        String jvm = defaults.getProperty("local-stack.jvm-options", "");
        BenchmarkOptions options = BenchmarkOptions.parse(args, jvm.startsWith("@") ? "" : jvm);
        new ConsortiumBenchmark(options).run();
    }

    /**
     * Waits until the stack, idle after the last latency round, has made its collection at rest (the local stack's
     * IdleMemory, which gives back the heap its JVMs grew), so that memory at rest does not depend on whether the
     * settle pause happened to contain it; a stack that does not go idle within {@link #COLLECTION_PATIENCE} is
     * noted, and its memory read as it is.
     */
    private void awaitCollectionAtRest(LocalStackProcess stack, int before) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(COLLECTION_PATIENCE);
        while (stack.collectionsAtRest() == before) {
            if (Instant.now().isAfter(deadline)) {
                notes.add("The stack made no collection at rest within " + COLLECTION_PATIENCE.toSeconds()
                        + " s of the last latency round (it did not go idle); memory at rest was read without it.");
                return;
            }
            Thread.sleep(1000);
        }
        log("the stack made its collection at rest");
    }

    private static void log(String message) {
        System.out.printf("[benchmark %s] %s%n", Instant.now().toString().substring(11, 19), message);
    }

    private void run() throws Exception {
        Instant date = Instant.now();
        Machine machine = Machine.describe(options.projectRoot(), options.output());
        log("generating the scale consortium: " + options.institutions() + " institutions, seed " + options.seed());
        Consortium consortium = ConsortiumGenerator.generate(ConsortiumSpec.scale(options.seed(), options.institutions()));
        Map<String, List<ApiRequest>> plan = ApiPlan.byInstitution(consortium);
        Map<String, NdjsonWriter.Lines> lines = NdjsonWriter.byInstitution(plan);
        plan.clear();
        BenchmarkResult.ConsortiumSize size = new BenchmarkResult.ConsortiumSize(consortium.institutions().size(),
                consortium.programmes().size(), consortium.groups().size(), consortium.responses().size(),
                consortium.eventCount(), lines.values().stream().mapToLong(l -> l.groups().size()).sum(),
                lines.values().stream().mapToLong(l -> l.surveys().size()).sum());
        log("consortium: " + size);

        boolean temporary = options.dataDirectory() == null;
        Path data = temporary ? Files.createTempDirectory("balint-benchmark-")
                : Files.createDirectories(options.dataDirectory().toAbsolutePath().normalize());
        try (Stream<Path> existing = Files.list(data)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalArgumentException("--data-directory " + data + " is not empty; the benchmark needs a fresh one");
            }
        }
        log("starting the local stack in " + data + " (JVM options: " + options.stackJvmOptions() + ")");
        Path jars = Files.createTempDirectory("balint-benchmark-jars-");
        LocalStackProcess stack;
        try {
            stack = LocalStackProcess.start(options.projectRoot(), jars, data, options.stackJvmOptions(),
                    Patience.scaled(STARTUP));
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteQuietly(jars);
            throw e;
        }
        AtomicBoolean stopped = new AtomicBoolean();
        // A run that fails keeps its data directory: the services' logs and the profiles say what happened.
        AtomicBoolean failed = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                log("stopping the local stack");
                stack.close();
                deleteQuietly(jars);
                if (temporary && !failed.get()) {
                    deleteQuietly(data);
                } else if (temporary) {
                    log("the run failed: its data directory, with every process's log under logs/, is kept in "
                            + data);
                }
            }
        };
        Thread hook = new Thread(stop, "stop-local-stack");
        Runtime.getRuntime().addShutdownHook(hook);
        BenchmarkResult result;
        try (MemorySampler memory = new MemorySampler(stack::processes)) {
            log("local stack UP at " + stack.baseUrl() + ", analytics at " + stack.analyticsUrl());
            client = new StackClient(stack.baseUrl(), stack.analyticsUrl(), stack.adminKey());
            stackProcesses = stack::processes;
            adminKey = stack.adminKey();
            result = measure(machine, date, consortium, size, lines, stack, memory);
        } catch (Exception | Error e) {
            failed.set(true);
            throw e;
        } finally {
            stop.run();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        Path output = options.output().isAbsolute() ? options.output() : options.projectRoot().resolve(options.output());
        BenchmarkReport.write(output, result);
        log("wrote " + output);
    }

    private BenchmarkResult measure(Machine machine, Instant date, Consortium consortium,
                                    BenchmarkResult.ConsortiumSize size, Map<String, NdjsonWriter.Lines> lines,
                                    LocalStackProcess stack, MemorySampler memory) throws Exception {
        registerAndIssueKeys(consortium);
        List<String> order = new ArrayList<>(lines.keySet());
        int first = options.firstPhaseInstitutions();
        Map<String, Long> eventsByInstitution = eventsByInstitution(consortium);
        Map<String, Integer> groupsByInstitution = consortium.groups().stream()
                .collect(Collectors.groupingBy(Consortium.Group::institutionId, Collectors.summingInt(g -> 1)));
        List<BenchmarkResult.Phase> phases = new ArrayList<>();
        List<BenchmarkResult.LatencyRound> rounds = new ArrayList<>();
        List<FlightRecordings.Window> profiles = new ArrayList<>();
        FlightRecordings recordings = options.profile()
                ? new FlightRecordings(stack.dataDirectory().resolve("profiles"), stackProcesses,
                ConsortiumBenchmark::log) : null;
        BatchLoader loader = new BatchLoader(stack.baseUrl(), options.chunkLines(), options.concurrency(), m -> log("  " + m));
        memory.takePeak();

        long expected = 0;
        List<String> phaseOne = order.subList(0, first);
        FlightRecordings.Running recording = record(recordings, "phase-1", "phase 1: its load and the analytics catch-up");
        CpuShare cpu = CpuShare.start(stackProcesses);
        BenchmarkResult.Phase one = loadPhase("phase 1", phaseOne, lines, eventsByInstitution, loader, cpu);
        expected += one.events();
        Double catchUp = awaitCaughtUp(expected);
        phases.add(withCatchUp(one, catchUp, cpu.stop()));
        stopRecording(recording, profiles);
        rounds.add(latencyRound("after phase 1", consortium, phaseOne, groupsByInstitution));

        String probeInstitution = order.get(0);
        Consortium.Programme probeProgramme = consortium.programmes().stream()
                .filter(p -> p.institutionId().equals(probeInstitution)).findFirst().orElseThrow();
        FreshnessProbe probe = new FreshnessProbe(client, schoolKeys.get(probeInstitution), probeProgramme.programmeId(),
                probeProgramme.startsOn());
        expected += FreshnessProbe.setUpEvents();
        recording = record(recordings, "phase-2",
                "phase 2: its load with the freshness probe, and the analytics catch-up");
        cpu = CpuShare.start(stackProcesses);
        probe.start();
        List<String> phaseTwo = order.subList(first, order.size());
        BenchmarkResult.Phase two;
        try {
            two = loadPhase("phase 2", phaseTwo, lines, eventsByInstitution, loader, cpu);
        } finally {
            probe.close();
        }
        expected += two.events() + probe.events();
        catchUp = awaitCaughtUp(expected);
        phases.add(withCatchUp(two, catchUp, cpu.stop()));
        stopRecording(recording, profiles);
        MemorySampler.Sample peakLoad = memory.takePeak();
        BenchmarkResult.Freshness freshness = new BenchmarkResult.Freshness(
                probe.seconds().isEmpty() ? null : Distribution.of(probe.seconds()), probe.failure());
        if (probe.failure() != null) {
            notes.add("The freshness probe stopped early: " + probe.failure());
        }
        log("P4 freshness: " + freshness);

        int collectionsBefore = stack.collectionsAtRest();
        rounds.add(latencyRound("after phase 2", consortium, order, groupsByInstitution));

        awaitCollectionAtRest(stack, collectionsBefore);
        log("letting the stack settle for " + options.settle().toSeconds() + " s before reading memory at rest");
        Thread.sleep(options.settle().toMillis());
        MemorySampler.Sample rest = restingSample(memory);
        long readModel = stack.diskUsage(Path.of("mongo"));
        long kafka = stack.diskUsage(Path.of("kafka"));
        long postgres = stack.diskUsage(Path.of("postgres"));
        long all = stack.diskUsage(Path.of("."));
        log("P5 memory: peak under load " + peakLoad.totalKb() / 1024 + " MiB, at rest " + rest.totalKb() / 1024 + " MiB");

        memory.takePeak();
        recording = record(recordings, "rebuilds", "rebuilds of every read model");
        CpuShare replayCpu = CpuShare.start(stackProcesses);
        List<BenchmarkResult.Replay> replays = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            BenchmarkResult.Replay replay = replay(run);
            replays.add(replay);
            if (!replay.state().equals("COMPLETED")) {
                break;
            }
        }
        MemorySampler.Sample peakReplay = memory.takePeak();
        CpuShare.Reading replayReading = replayCpu.stop();
        stopRecording(recording, profiles);

        String command = COMMAND + (options.arguments().isEmpty() ? ""
                : " -Dbenchmark.args=\"" + String.join(" ", options.arguments()) + "\"");
        return new BenchmarkResult(machine, date, command, options, size, phases, rounds, replays, replayReading,
                freshness, new BenchmarkResult.Memory(peakLoad, rest, peakReplay, readModel, kafka, postgres, all),
                profiles, notes);
    }

    private static BenchmarkResult.Phase withCatchUp(BenchmarkResult.Phase phase, Double catchUp,
                                                     CpuShare.Reading untilCaughtUp) {
        return new BenchmarkResult.Phase(phase.name(), phase.institutions(), phase.events(), phase.load(), catchUp,
                phase.cpu(), untilCaughtUp);
    }

    /** Starts a window's JFR recordings, before the window's own clock and CPU reading start. */
    private static FlightRecordings.Running record(FlightRecordings recordings, String id, String window)
            throws InterruptedException {
        return recordings == null ? null : recordings.start(id, window);
    }

    /** Stops them after the window's figures are taken: writing and reading the files costs CPU. */
    private void stopRecording(FlightRecordings.Running recording, List<FlightRecordings.Window> profiles)
            throws IOException, InterruptedException {
        if (recording == null) {
            return;
        }
        FlightRecordings.Window window = recording.stop();
        profiles.add(window);
        window.failures().forEach(f -> notes.add("No JFR profile of " + window.window() + " for " + f));
    }

    private static Map<String, Long> eventsByInstitution(Consortium consortium) {
        Map<String, Long> events = new TreeMap<>();
        for (Consortium.Institution institution : consortium.institutions()) {
            String id = institution.id();
            Consortium only = new Consortium(consortium.seed(), List.of(institution),
                    consortium.programmes().stream().filter(p -> p.institutionId().equals(id)).toList(),
                    consortium.groups().stream().filter(g -> g.institutionId().equals(id)).toList(),
                    consortium.responses().stream().filter(r -> r.institutionId().equals(id)).toList());
            events.put(id, only.eventCount());
        }
        return events;
    }

    /** Every institution registered, one SCHOOL key each and one RESEARCHER key, all through the access API. */
    private void registerAndIssueKeys(Consortium consortium) throws IOException, InterruptedException {
        log("registering " + consortium.institutions().size() + " institutions and issuing their keys");
        for (Consortium.Institution institution : consortium.institutions()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("institutionId", institution.id());
            body.put("name", institution.name());
            body.put("country", institution.country());
            StackClient.Answer registered = client.postJson("/api/v1/institutions", adminKey, body);
            if (!registered.ok()) {
                throw new IllegalStateException("registering " + institution.id() + " answered " + registered.status()
                        + ": " + registered.body());
            }
            schoolKeys.put(institution.id(), issue("SCHOOL", institution.id()));
        }
        researcherKey = issue("RESEARCHER", null);
    }

    private String issue(String role, String institution) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", role);
        if (institution != null) {
            body.put("institutionId", institution);
        }
        body.put("label", "benchmark " + role.toLowerCase() + " key");
        StackClient.Answer issued = client.postJson("/api/v1/keys", adminKey, body);
        if (issued.status() != 201) {
            throw new IllegalStateException("issuing a " + role + " key answered " + issued.status() + ": " + issued.body());
        }
        return client.parse(issued.body()).path("secret").asText();
    }

    private BenchmarkResult.Phase loadPhase(String name, List<String> institutions, Map<String, NdjsonWriter.Lines> lines,
                                            Map<String, Long> eventsByInstitution, BatchLoader loader, CpuShare cpu)
            throws InterruptedException {
        Map<String, NdjsonWriter.Lines> subset = new LinkedHashMap<>();
        institutions.forEach(i -> subset.put(i, lines.get(i)));
        long events = institutions.stream().mapToLong(eventsByInstitution::get).sum();
        log(name + ": loading " + institutions.size() + " institutions, " + events + " events");
        BatchLoader.Result load = loader.load(subset, schoolKeys);
        loadEnded = System.nanoTime();
        CpuShare.Reading reading = cpu.stop();
        log(String.format("%s: %d lines in %.1f s, %.0f events/s, %d retried chunks, %d refused lines", name,
                load.lines(), load.seconds(), events / load.seconds(), load.retries(), load.refused()));
        if (load.refused() > 0) {
            load.refusals().forEach(refusal -> log("  refused: " + refusal));
            notes.add(name + ": " + load.refused() + " lines were refused, e.g. " + load.refusals().get(0));
        }
        return new BenchmarkResult.Phase(name, institutions.size(), events, load, null, reading, null);
    }

    /**
     * Waits until the analytics consumer has applied every record published so far: no lag on any partition,
     * and at least as many records consumed as the loads published. Lag alone could read 0 while the services'
     * publishers are still sending; the count closes that gap.
     *
     * @return seconds since the last batch answer, or {@code null} when it did not catch up within the limit
     */
    private Double awaitCaughtUp(long expectedEvents) throws IOException, InterruptedException {
        long start = loadEnded;
        long deadline = start + CATCH_UP_LIMIT.toNanos();
        StackClient.ConsumerPosition position = client.consumerPosition();
        long lastConsumed = -1;
        long unchangedSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            position = client.consumerPosition();
            if (position.lag() == 0 && position.consumed() >= expectedEvents) {
                double seconds = (System.nanoTime() - start) / 1e9;
                log(String.format("analytics caught up after %.1f s (%d records consumed)", seconds, position.consumed()));
                return seconds;
            }
            if (position.consumed() != lastConsumed) {
                lastConsumed = position.consumed();
                unchangedSince = System.nanoTime();
            } else if (position.lag() == 0 && System.nanoTime() - unchangedSince > Duration.ofSeconds(30).toNanos()) {
                notes.add("The analytics consumer stood at lag 0 with " + position.consumed() + " records consumed, "
                        + "fewer than the " + expectedEvents + " events the load publishes by the consortium's count; "
                        + "catch-up is taken as the moment it stopped.");
                return (unchangedSince - start) / 1e9;
            }
            Thread.sleep(100);
        }
        notes.add("The analytics consumer had not caught up " + CATCH_UP_LIMIT.toMinutes() + " minutes after the load: "
                + position);
        return null;
    }

    /**
     * The participant-level model's probe: every participant of every group shown, fitted by REML with the dose
     * split within and across groups and two group-level moderators; its first answer after a release is cut
     * reads the release's dose tables and fits (cold), later ones are the fit kept for the release (warm).
     */
    static final String PARTICIPANT_LEVEL = "participant-level model";
    /** How long the benchmark waits for a data release to be cut. */
    static final Duration RELEASE_CUT_TIMEOUT = Duration.ofMinutes(6);

    private BenchmarkResult.LatencyRound latencyRound(String name, Consortium consortium, List<String> institutions,
                                                      Map<String, Integer> groupsByInstitution)
            throws IOException, InterruptedException {
        // Researchers analyse data releases: cut one of everything loaded, as an administrator would.
        StackClient.Answer release;
        try {
            // Longer than the gateway waits (five minutes), so that a cut that takes too long is answered by it.
            release = client.post("/api/v1/analytics/admin/releases", adminKey, RELEASE_CUT_TIMEOUT);
        } catch (HttpTimeoutException e) {
            // A cut that outlasts the wait is a failed cut, as a 5xx is: the round reads an older release and
            // is marked not valid, and the run goes on to its other figures instead of ending without a report.
            release = new StackClient.Answer(504, "no answer within " + RELEASE_CUT_TIMEOUT.toMinutes()
                    + " minutes", RELEASE_CUT_TIMEOUT.toNanos());
        }
        if (release.status() != 201) {
            notes.add("Cutting a data release " + name + " answered " + release.status() + ": " + release.body());
        } else {
            notes.add(String.format(Locale.ROOT, "Data release cut %s: %.1f s.", name, release.nanos() / 1e9));
        }
        String institution = institutions.get(0);
        String group = consortium.groups().stream().filter(g -> g.institutionId().equals(institution)).findFirst()
                .orElseThrow().groupId();
        String school = schoolKeys.get(institution);
        String e = ConsortiumGenerator.EMPATHY;
        List<String[]> endpoints = List.of(
                new String[]{"comparison by meeting frequency", "/api/v1/analytics/comparison?instrument=" + e
                        + "&moderator=meetingFrequency", "researcher"},
                new String[]{"comparison by group size, per institution", "/api/v1/analytics/comparison?instrument=" + e
                        + "&unit=institution&moderator=groupSize", "researcher"},
                new String[]{"meta-regression on mean attendance", "/api/v1/analytics/meta-regression?instrument=" + e
                        + "&moderators=meanAttendance", "researcher"},
                new String[]{"group units", "/api/v1/analytics/units?level=group&instrument=" + e, "researcher"},
                new String[]{"overview", "/api/v1/analytics/overview", "researcher"},
                new String[]{"institution summary", "/api/v1/analytics/institutions/" + institution + "/summary", "school"},
                new String[]{"one group", "/api/v1/analytics/groups/" + group, "school"},
                new String[]{"effect sizes CSV", "/api/v1/analytics/effect-sizes.csv?instrument=" + e, "researcher"},
                new String[]{PARTICIPANT_LEVEL, "/api/v1/analytics/participant-level?instrument=" + e
                        + "&moderators=plannedSize,meetingFrequency", "researcher"});
        log("P3 latency " + name + ": " + WARM_UP + " warm-up and " + options.requests() + " requests per endpoint");
        CpuShare cpu = CpuShare.start(stackProcesses);
        List<BenchmarkResult.EndpointLatency> rows = new ArrayList<>();
        for (String[] endpoint : endpoints) {
            String key = endpoint[2].equals("school") ? school : researcherKey;
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<Double> millis = new ArrayList<>();
            int bytes = 0;
            double cold = Double.NaN;
            for (int i = 0; i < WARM_UP + options.requests(); i++) {
                StackClient.Answer answer = client.get(endpoint[1], key);
                statuses.merge(answer.status(), 1, Integer::sum);
                bytes = answer.body().length();
                if (i == 0) {
                    cold = answer.nanos() / 1e6;
                }
                if (i >= WARM_UP) {
                    millis.add(answer.nanos() / 1e6);
                }
            }
            BenchmarkResult.EndpointLatency row = new BenchmarkResult.EndpointLatency(endpoint[0], endpoint[1],
                    endpoint[2], statuses, Distribution.of(millis), bytes, cold);
            if (!statuses.keySet().equals(Set.of(200))) {
                notes.add(name + ": " + endpoint[1] + " answered " + statuses + "; the last body began: "
                        + abbreviate(client.get(endpoint[1], key).body()));
            }
            log(String.format("  %-45s %s cold %.1f ms, warm median %.1f ms p99 %.1f ms", endpoint[0], statuses, cold,
                    row.millis().median(), row.millis().p99()));
            rows.add(row);
        }
        int units = institutions.stream().mapToInt(i -> groupsByInstitution.getOrDefault(i, 0)).sum();
        return new BenchmarkResult.LatencyRound(name, institutions.size(), units, rows, cpu.stop(), release.status());
    }

    private static MemorySampler.Sample restingSample(MemorySampler memory) throws InterruptedException {
        List<MemorySampler.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            samples.add(memory.sample());
            Thread.sleep(1_000);
        }
        samples.sort(Comparator.comparingLong(MemorySampler.Sample::totalKb));
        return samples.get(2);
    }

    /** One rebuild of every read model: started with the admin key, followed until it completes. */
    private BenchmarkResult.Replay replay(int run) throws IOException, InterruptedException {
        long start = System.nanoTime();
        StackClient.Answer started = client.post("/api/v1/analytics/admin/replay", adminKey);
        if (!started.ok()) {
            notes.add("Replay " + run + " could not start: " + started.status() + " " + abbreviate(started.body()));
            return new BenchmarkResult.Replay("NOT STARTED", 0, 0);
        }
        long deadline = start + REPLAY_LIMIT.toNanos();
        JsonNode progress = client.parse(started.body());
        while (System.nanoTime() < deadline) {
            StackClient.Answer answer = client.get("/api/v1/analytics/admin/replay", adminKey);
            progress = client.parse(answer.body());
            String state = progress.path("state").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                double seconds = (System.nanoTime() - start) / 1e9;
                if (progress.hasNonNull("startedAt") && progress.hasNonNull("finishedAt")) {
                    seconds = Duration.between(Instant.parse(progress.path("startedAt").asText()),
                            Instant.parse(progress.path("finishedAt").asText())).toMillis() / 1e3;
                }
                long events = progress.path("eventsTotal").asLong();
                if (state.equals("FAILED")) {
                    notes.add("Replay " + run + " failed: " + progress.path("failure").asText());
                }
                log(String.format("P2 replay %d: %s, %d events in %.1f s", run, state, events, seconds));
                return new BenchmarkResult.Replay(state, seconds, events);
            }
            Thread.sleep(250);
        }
        notes.add("Replay " + run + " did not finish within " + REPLAY_LIMIT.toMinutes() + " minutes: " + progress);
        return new BenchmarkResult.Replay("TIMED OUT", (System.nanoTime() - start) / 1e9,
                progress.path("eventsTotal").asLong());
    }

    private static String abbreviate(String text) {
        String one = text.replace('\n', ' ');
        return one.length() <= 300 ? one : one.substring(0, 300) + "…";
    }

    /** Removes a temporary directory; one left behind in /tmp is harmless, failing the run over it is not. */
    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log("could not remove " + directory + ": " + e.getMessage());
        }
    }
}
