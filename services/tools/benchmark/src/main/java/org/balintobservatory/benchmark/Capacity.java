package org.balintobservatory.benchmark;

import java.util.List;

/**
 * The sizing arithmetic of docs/operations.md, from one run's figures and nothing else. Everything is taken
 * as linear in the number of events, and a consortium of <i>n</i> institutions as having the run's events per
 * institution:
 *
 * <pre>
 * events(n) = n × E / I                      E events loaded by the run, I its institutions
 * size(n)   = events(n) × B / E              B bytes on disk after loading (Kafka, PostgreSQL, read models)
 * time(n)   = events(n) / rate               rate: ingestion (P1), the consumer's, or the rebuild's (P2)
 * consumers(k) = ⌈k × ingestion / consumer⌉  analytics instances that keep up with k loading instances
 * </pre>
 *
 * @param institutions        institutions loaded
 * @param events              events loaded, by the consortium's count
 * @param ingestion           events/s through the batch endpoints over both load phases (P1)
 * @param consumer            a lower bound of the analytics consumer's events/s while loading: every phase's
 *                            events over its load and catch-up (the consumer can go no faster than the events
 *                            arrive); {@code null} when a phase did not catch up
 * @param rebuild             events/s of the median rebuild (P2); {@code null} when none completed
 * @param kafkaBytes          the Kafka log on disk after loading (one replica)
 * @param postgresBytes       PostgreSQL on disk after loading (the event stores and their tables)
 * @param readModelBytes      the read models on disk after loading, in the local stack's uncompressed store
 */
public record Capacity(int institutions, long events, double ingestion, Double consumer, Double rebuild,
                       long kafkaBytes, long postgresBytes, long readModelBytes) {

    /** The scale consortium (1×, issue #12) and 10× and 100× of it, in institutions. */
    public static final List<Integer> SCALES = List.of(100, 1_000, 10_000);

    /** A year's events arriving over 40 working weeks of 40 hours: 40 × 40 × 3,600 s. */
    public static final double WORKING_YEAR_SECONDS = 40 * 40 * 3_600.0;

    /** Instances of each command service loading at once in docs/operations.md's bulk load at 100×. */
    public static final int LOADING_INSTANCES = 3;

    public static Capacity of(BenchmarkResult r) {
        long events = r.phases().stream().mapToLong(BenchmarkResult.Phase::events).sum();
        double loading = r.phases().stream().mapToDouble(p -> p.load().seconds()).sum();
        boolean caughtUp = r.phases().stream().allMatch(p -> p.catchUpSeconds() != null);
        double untilApplied = loading + r.phases().stream()
                .mapToDouble(p -> p.catchUpSeconds() == null ? 0 : p.catchUpSeconds()).sum();
        List<Double> rebuilds = r.replays().stream().filter(x -> x.state().equals("COMPLETED"))
                .map(BenchmarkResult.Replay::seconds).toList();
        Double rebuild = rebuilds.isEmpty() ? null : r.replays().get(0).events() / Distribution.of(rebuilds).median();
        BenchmarkResult.Memory m = r.memory();
        return new Capacity(r.consortium().institutions(), events, events / loading,
                caughtUp ? events / untilApplied : null, rebuild, m.kafkaBytes(), m.postgresBytes(),
                m.readModelBytes());
    }

    public double eventsPerInstitution() {
        return (double) events / institutions;
    }

    public double events(int institutions) {
        return institutions * eventsPerInstitution();
    }

    public double bytesPerEvent(long bytes) {
        return (double) bytes / events;
    }

    /** {@code size(n)}: bytes at {@code institutions}, for a store that held {@code bytes} after this run. */
    public double bytes(long bytes, int institutions) {
        return events(institutions) * bytesPerEvent(bytes);
    }

    public double seconds(double rate, int institutions) {
        return events(institutions) / rate;
    }

    /** Analytics instances that keep up with {@code loaders} instances of each command service loading at once. */
    public int consumersFor(int loaders) {
        return (int) Math.ceil(loaders * ingestion / consumer);
    }

    /** Bytes per second into each Kafka broker while {@code loaders} instances load at this run's rate. */
    public double kafkaBytesPerSecond(int loaders) {
        return loaders * ingestion * bytesPerEvent(kafkaBytes);
    }
}
