package org.balintobservatory.analytics.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.ingest.EventConsumer;
import org.balintobservatory.analytics.ingest.EventDecoder;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.ingest.Projection;
import org.balintobservatory.analytics.readmodel.store.Generations;
import org.balintobservatory.analytics.readmodel.store.Leases;
import org.balintobservatory.analytics.readmodel.store.ReadModelConflictException;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.support.consuming.ConsumerLoop;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds every read model from the start of the topics into a fresh generation of collections, then
 * switches queries over to it.
 *
 * <p>One instance of the service rebuilds for all: the one that takes the {@value #LEASE} lease
 * ({@link Leases}); the others answer 409 and show its progress, which the rebuilding instance keeps in
 * {@code analytics_meta}. The rebuild reads with its own consumer (manually assigned) to the end offsets it
 * saw when it started, then catches up in passes until a pass finds less than one batch of new records,
 * while every instance's live consumer keeps the active generation current. It then commits where it
 * stopped as the offsets of the new generation's consumer group, states that position, and rewrites the
 * {@code active-generation} document. Each live consumer sees the switch between two of its batches, leaves
 * the old generation's group and joins the new one at those offsets, so what arrived after the rebuild's
 * last read is applied to the new generation by the live consumers, and nothing is read by neither. The old
 * generation is dropped a little later, once every instance has had time to move.
 */
@Service
public class ReplayService implements DisposableBean {

    static final String LEASE = "rebuild";
    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final Duration LEASE_TTL = Duration.ofSeconds(60);
    /** How long the old generation stays after the switch, for instances still finishing a batch on it. */
    private static final Duration DROP_AFTER = Duration.ofSeconds(5);
    private static final String PROGRESS = "replay-progress";
    private static final int MAX_CATCH_UP_PASSES = 20;

    private final AnalyticsProperties properties;
    private final Projection projection;
    private final Generations generations;
    private final LogPosition position;
    private final Leases leases;
    private final MongoCollection<Document> meta;
    private final Clock clock;
    private final EventDecoder decoder = new EventDecoder();
    private final Object lock = new Object();
    private volatile Run current;
    private volatile Thread thread;

    public ReplayService(AnalyticsProperties properties, Projection projection, Generations generations,
                         LogPosition position, Leases leases, MongoDatabase database, Clock clock,
                         MeterRegistry meters) {
        this.properties = properties;
        this.projection = projection;
        this.generations = generations;
        this.position = position;
        this.leases = leases;
        this.meta = database.getCollection("analytics_meta");
        this.clock = clock;
        Gauge.builder("balint.analytics.replay.events.done", this, s -> s.progress().eventsDone())
                .description("records the running (or last) rebuild has read").register(meters);
        Gauge.builder("balint.analytics.replay.events.total", this, s -> s.progress().eventsTotal())
                .description("records the running (or last) rebuild must read").register(meters);
        Gauge.builder("balint.analytics.replay.eta", this, s -> {
            Long eta = s.progress().etaSeconds();
            return eta == null ? Double.NaN : eta;
        }).baseUnit("seconds").description("seconds until the running rebuild has read everything").register(meters);
    }

    /** The running or last rebuild, whichever instance runs or ran it. */
    public ReplayProgress progress() {
        Run run = current;
        if (run != null && run.isActive()) {
            return run.progress();
        }
        Document shared = meta.find(Filters.eq("_id", PROGRESS)).first();
        if (shared == null) {
            return run != null ? run.progress()
                    : new ReplayProgress("IDLE", null, generations.active(), null, null, 0, 0, null, null, null, null);
        }
        return fromDocument(shared);
    }

    /**
     * Starts a rebuild into the next generation.
     *
     * @throws ErrorResponseException 409 while another rebuild runs, on this instance or another
     */
    public ReplayProgress start() {
        synchronized (lock) {
            Run running = current;
            if (running != null && running.isActive()) {
                throw alreadyRunning(running.progress());
            }
            Leases.Lease lease = leases.acquire(LEASE, LEASE_TTL).orElseThrow(() -> alreadyRunning(progress()));
            try {
                int active = generations.refresh();
                int target = active + 1;
                for (int stale : generations.present()) {
                    if (stale != active) {
                        generations.drop(stale);
                        position.drop(stale);
                    }
                }
                position.drop(target);
                Run run = new Run(target, clock.instant(), lease);
                current = run;
                run.share();
                thread = new Thread(run::execute, "analytics-replay-g" + target);
                thread.start();
                return run.progress();
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
        }
    }

    private static ErrorResponseException alreadyRunning(ReplayProgress running) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "generation " + running.generation() + " is being rebuilt; wait for it to finish");
        problem.setTitle("A rebuild is already running");
        problem.setProperty("replay", running);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    @Override
    public void destroy() throws InterruptedException {
        Run run = current;
        if (run != null) {
            run.cancelled = true;
        }
        Thread t = thread;
        if (t != null) {
            t.join(10_000);
        }
    }

    private static ReplayProgress fromDocument(Document d) {
        Document switched = d.get("logPosition", Document.class);
        Map<String, Long> at = switched == null ? null : LogPosition.fromDocument(switched);
        Date finished = d.getDate("finishedAt");
        return new ReplayProgress(d.getString("state"), d.getInteger("generation"), d.getInteger("activeGeneration"),
                d.getDate("startedAt").toInstant(), finished == null ? null : finished.toInstant(),
                d.getLong("eventsDone"), d.getLong("eventsTotal"), d.getDouble("eventsPerSecond"),
                d.getLong("etaSeconds"), d.getString("failure"), at);
    }

    private final class Run {

        final int generation;
        final Instant startedAt;
        final Leases.Lease lease;
        volatile String state = "RUNNING";
        volatile long done;
        volatile long total;
        volatile Instant finishedAt;
        volatile String failure;
        volatile Map<String, Long> switchedAt;
        volatile boolean cancelled;

        Run(int generation, Instant startedAt, Leases.Lease lease) {
            this.generation = generation;
            this.startedAt = startedAt;
            this.lease = lease;
        }

        boolean isActive() {
            return state.equals("RUNNING") || state.equals("SWITCHING");
        }

        ReplayProgress progress() {
            Instant end = finishedAt != null ? finishedAt : clock.instant();
            double seconds = Duration.between(startedAt, end).toMillis() / 1000.0;
            Double rate = seconds <= 0 || done == 0 ? null : done / seconds;
            Long eta = rate == null ? null : isActive() ? (long) Math.ceil(Math.max(0, total - done) / rate) : 0L;
            return new ReplayProgress(state, generation, generations.active(), startedAt, finishedAt, done, total, rate,
                    eta, failure, switchedAt);
        }

        /** Shows this run's progress to every instance. */
        void share() {
            ReplayProgress p = progress();
            Document at = p.logPosition() == null ? null : LogPosition.toDocument(p.logPosition());
            meta.replaceOne(Filters.eq("_id", PROGRESS), new Document("_id", PROGRESS).append("state", p.state())
                    .append("generation", p.generation()).append("activeGeneration", p.activeGeneration())
                    .append("startedAt", Date.from(p.startedAt()))
                    .append("finishedAt", p.finishedAt() == null ? null : Date.from(p.finishedAt()))
                    .append("eventsDone", p.eventsDone()).append("eventsTotal", p.eventsTotal())
                    .append("eventsPerSecond", p.eventsPerSecond()).append("etaSeconds", p.etaSeconds())
                    .append("failure", p.failure()).append("logPosition", at)
                    .append("instance", leases.instance()), new ReplaceOptions().upsert(true));
        }

        void execute() {
            try (lease; KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, EventConsumer.consumerGroup(properties, generation),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.rebuildBatchRecords(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (Topic topic : Topics.RESEARCH) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
                    if (infos != null) {
                        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                    }
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                total = partitions.stream().mapToLong(tp -> end.get(tp) - beginning.get(tp)).sum();
                log.info("rebuilding the read models into generation {}: {} records on {} partitions", generation,
                        total, partitions.size());

                readUntil(consumer, end);
                state = "SWITCHING";
                share();
                for (int pass = 0; pass < MAX_CATCH_UP_PASSES; pass++) {
                    Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
                    total += now.entrySet().stream().mapToLong(e -> e.getValue() - end.get(e.getKey())).sum();
                    long read = readUntil(consumer, now);
                    end.putAll(now);
                    if (read < properties.rebuildBatchRecords()) {
                        break;
                    }
                }
                Map<TopicPartition, OffsetAndMetadata> reached = new HashMap<>();
                Map<TopicPartition, Long> offsets = new HashMap<>();
                Map<String, Long> stated = new TreeMap<>();
                for (TopicPartition tp : partitions) {
                    long next = consumer.position(tp);
                    reached.put(tp, new OffsetAndMetadata(next));
                    offsets.put(tp, next);
                    stated.put(tp.topic() + "-" + tp.partition(), next);
                }
                consumer.commitSync(reached);
                position.record(generation, offsets);
                int previous = generations.active();
                generations.activate(generation);
                switchedAt = stated;
                share();
                sleep(DROP_AFTER);
                generations.drop(previous);
                position.drop(previous);
                finishedAt = clock.instant();
                state = "COMPLETED";
                share();
                ReplayProgress p = progress();
                log.info("generation {} is active: {} records in {} s ({} records/s), at {}", generation, done,
                        Duration.between(startedAt, finishedAt).toSeconds(), p.eventsPerSecond(), stated);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /** Reads and applies up to {@code target}; returns how many records it read. */
        private long readUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> target) {
            long before = done;
            Instant[] nextLog = {clock.instant().plus(LOG_EVERY)};
            ConsumerLoop.readUntil(consumer, target, Duration.ofMillis(200), records -> {
                if (records.isEmpty()) {
                    return;
                }
                List<ConsumedEvent> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    decoder.read(record, () -> { }).ifPresent(batch::add);
                }
                applyOnce(batch);
                done += records.count();
                if (clock.instant().isAfter(nextLog[0])) {
                    lease.renew();
                    share();
                    ReplayProgress p = progress();
                    log.info("rebuild of generation {}: {}/{} records, {} records/s, about {} s left", generation,
                            p.eventsDone(), p.eventsTotal(), p.eventsPerSecond() == null ? "?"
                                    : String.format("%.0f", p.eventsPerSecond()), p.etaSeconds());
                    nextLog[0] = clock.instant().plus(LOG_EVERY);
                }
            }, () -> cancelled, "the service is stopping");
            return done - before;
        }

        /** Nobody else writes a generation being rebuilt, but a conflict is retried rather than fatal. */
        private void applyOnce(List<ConsumedEvent> batch) {
            for (int attempt = 1; ; attempt++) {
                try {
                    projection.apply(batch, generation);
                    return;
                } catch (ReadModelConflictException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        }

        private void sleep(Duration duration) throws InterruptedException {
            Instant until = clock.instant().plus(duration);
            while (!cancelled && clock.instant().isBefore(until)) {
                Thread.sleep(100);
            }
        }

        private void fail(Throwable e) {
            failure = String.valueOf(e.getMessage());
            finishedAt = clock.instant();
            state = "FAILED";
            try {
                share();
            } catch (RuntimeException ignored) {
                // the store may be what failed; this instance still reports the failure itself
            }
            log.error("rebuild of generation {} failed; generation {} stays active", generation, generations.active(), e);
        }
    }
}
