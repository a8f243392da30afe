package org.balintobservatory.benchmark;

import org.balintobservatory.demo.BatchLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as {@link BenchmarkReport} writes it.
 *
 * @param consortium    the size of what was loaded
 * @param phases        the load phases in order (the first share of the institutions, then the rest)
 * @param latencyRounds P3, one round after each phase
 * @param replays       P2, one per run
 * @param rebuildCpu    how busy the machine was while the replays ran
 * @param freshness     P4: seconds from an accepted write to the school seeing it, during the second phase
 * @param memory        P5 and the disk
 * @param profiles      one JFR profile per recorded window (each load phase with its catch-up, the
 *                      rebuilds); empty when the run was not profiled
 * @param notes         what went wrong or deserves a word, said plainly
 */
public record BenchmarkResult(
        Machine machine,
        Instant date,
        String command,
        BenchmarkOptions options,
        ConsortiumSize consortium,
        List<Phase> phases,
        List<LatencyRound> latencyRounds,
        List<Replay> replays,
        CpuShare.Reading rebuildCpu,
        Freshness freshness,
        Memory memory,
        List<FlightRecordings.Window> profiles,
        List<String> notes) {

    public record ConsortiumSize(int institutions, int programmes, int groups, int responses, long events,
                                 long groupLines, long surveyLines) {
    }

    /**
     * @param events          events the phase's lines publish ({@code Consortium.eventCount()} of its institutions)
     * @param load            what the batch endpoints answered
     * @param catchUpSeconds  from the last batch answer until the analytics consumer had applied everything
     *                        ({@code null}: it did not within the time allowed)
     * @param cpu             how busy the machine was while loading, and how much of it was other work
     * @param cpuUntilCaughtUp the same from the first batch until the consumer caught up (or gave up)
     */
    public record Phase(String name, int institutions, long events, BatchLoader.Result load, Double catchUpSeconds,
                        CpuShare.Reading cpu, CpuShare.Reading cpuUntilCaughtUp) {

        public double eventsPerSecond() {
            return events / load.seconds();
        }
    }

    /**
     * @param units      analysis units (groups) loaded when the round ran
     * @param endpoints  one row per endpoint, in a fixed order
     * @param cpu        how busy the machine was while the round ran
     * @param releaseCut the status of the data release cut just before the round (201 when it was cut); any other
     *                   status means the researcher's answers read an older release, not everything loaded
     */
    public record LatencyRound(String name, int institutions, int units, List<EndpointLatency> endpoints,
                               CpuShare.Reading cpu, int releaseCut) {

        /** Whether the round measured answers over everything loaded: its release was cut. */
        public boolean valid() {
            return releaseCut == 201;
        }
    }

    /**
     * @param statuses   HTTP status → answers, warm-up included
     * @param millis     the requests after the warm-up
     * @param coldMillis the round's first request, before anything it reads or computes is cached
     */
    public record EndpointLatency(String name, String path, String role, Map<Integer, Integer> statuses,
                                  Distribution millis, int bytes, double coldMillis) {
    }

    /** @param state COMPLETED, or what the replay ended in */
    public record Replay(String state, double seconds, long events) {

        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    /** @param failure why the probe stopped early, or {@code null} */
    public record Freshness(Distribution seconds, String failure) {
    }

    /**
     * @param peakLoad     the highest PSS sum while loading (both phases)
     * @param rest         after loading and the settle pause
     * @param peakReplay   the highest while the replays ran
     * @param readModelBytes the MongoDB H2 file on disk
     * @param dataBytes    the whole data directory on disk
     */
    public record Memory(MemorySampler.Sample peakLoad, MemorySampler.Sample rest, MemorySampler.Sample peakReplay,
                         long readModelBytes, long kafkaBytes, long postgresBytes, long dataBytes) {
    }
}
