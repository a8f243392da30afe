package org.balintobservatory.benchmark;

import org.balintobservatory.demo.BatchLoader;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A made-up run of 10 institutions whose figures are round, so that every derived figure can be worked out by
 * hand: 10,000 events loaded in 40 s (250 events/s), applied within 50 s (200 events/s), rebuilt in a median
 * of 25 s (400 events/s), with 1,000 bytes per event in Kafka, 2,000 in PostgreSQL and 1,500 in the read
 * models.
 */
final class Results {

    static final CpuShare.Reading QUIET = new CpuShare.Reading(1.0, 0.03);

    private Results() {
    }

    /** The made-up run, with the CPU readings given and both data releases cut. */
    static BenchmarkResult run(CpuShare.Reading phaseOne, CpuShare.Reading phaseTwo, CpuShare.Reading rounds,
                               CpuShare.Reading rebuilds, List<FlightRecordings.Window> profiles) {
        return run(phaseOne, phaseTwo, rounds, rebuilds, profiles, 201);
    }

    /** The made-up run, quiet, whose release cut before the second latency round answered {@code status}. */
    static BenchmarkResult withLastReleaseCut(int status) {
        return run(QUIET, QUIET, QUIET, QUIET, List.of(), status);
    }

    private static BenchmarkResult run(CpuShare.Reading phaseOne, CpuShare.Reading phaseTwo, CpuShare.Reading rounds,
                                       CpuShare.Reading rebuilds, List<FlightRecordings.Window> profiles,
                                       int lastCut) {
        Machine machine = new Machine(2, 8L * 1024 * 1024, "test CPU", "test JVM", "Linux", "abc1234", List.of());
        BenchmarkOptions options = BenchmarkOptions.parse(new String[]{"--institutions", "10"}, "");
        BenchmarkResult.ConsortiumSize size = new BenchmarkResult.ConsortiumSize(10, 13, 200, 8_000, 10_000,
                1_500, 8_000);
        List<BenchmarkResult.Phase> phases = List.of(
                new BenchmarkResult.Phase("phase 1", 2, 2_000, load(10), 2.0, phaseOne, phaseOne),
                new BenchmarkResult.Phase("phase 2", 8, 8_000, load(30), 8.0, phaseTwo, phaseTwo));
        List<BenchmarkResult.LatencyRound> latencyRounds = List.of(
                new BenchmarkResult.LatencyRound("after phase 1", 2, 40, endpoints(10), rounds, 201),
                new BenchmarkResult.LatencyRound("after phase 2", 10, 200, endpoints(12), rounds, lastCut));
        List<BenchmarkResult.Replay> replays = List.of(new BenchmarkResult.Replay("COMPLETED", 50, 10_000),
                new BenchmarkResult.Replay("COMPLETED", 20, 10_000),
                new BenchmarkResult.Replay("COMPLETED", 25, 10_000));
        MemorySampler.Sample memory = new MemorySampler.Sample(1024 * 1024, Map.of("local-stack", 1024L * 1024));
        return new BenchmarkResult(machine, Instant.parse("2026-12-01T10:00:00Z"), "./mvnw test", options, size,
                phases, latencyRounds, replays, rebuilds,
                new BenchmarkResult.Freshness(Distribution.of(List.of(0.2, 0.4)), null),
                new BenchmarkResult.Memory(memory, memory, memory, 15_000_000, 10_000_000, 20_000_000, 50_000_000),
                profiles, List.of());
    }

    static BenchmarkResult quiet() {
        return run(QUIET, QUIET, QUIET, QUIET, List.of());
    }

    private static BatchLoader.Result load(double seconds) {
        return new BatchLoader.Result(1_000, 1, 0, 0, 0, List.of(), List.of(), seconds);
    }

    private static List<BenchmarkResult.EndpointLatency> endpoints(double millis) {
        return List.of(new BenchmarkResult.EndpointLatency("comparison by meeting frequency",
                "/api/v1/analytics/comparison?instrument=x&moderator=meetingFrequency", "researcher", Map.of(200, 55),
                Distribution.of(List.of(millis, 2 * millis)), 1_000, 3 * millis));
    }
}
