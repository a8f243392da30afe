package org.balintobservatory.analytics.replay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.ingest.EventConsumer;
import org.balintobservatory.analytics.ingest.EventDecoder;
import org.balintobservatory.analytics.ingest.LiveConsumer;
import org.balintobservatory.analytics.ingest.Projection;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * Rebuilds every read model from the start of the topics into a fresh generation of collections, then
 * switches queries over to it.
 *
 * <p>The rebuild reads with its own consumer (manually assigned, no consumer group, nothing committed)
 * up to the end offsets it saw when it started, while the live consumer keeps the active generation
 * current. The switch-over runs on the live consumer's thread between two of its batches: the rebuild
 * catches up to wherever the live consumer is, the {@code active-generation} document is rewritten, and
 * the live consumer moves forward to wherever the rebuild got. From then on the live consumer writes the
 * new generation; events both have read are recognised by the sequence guards and applied once.
 */
@Service
public class ReplayService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final AnalyticsProperties properties;
    private final Projection projection;
    private final Generations generations;
    private final EventConsumer live;
    private final Clock clock;
    private final EventDecoder decoder = new EventDecoder();
    private final Object lock = new Object();
    private volatile Run current;
    private volatile Thread thread;

    public ReplayService(AnalyticsProperties properties, Projection projection, Generations generations,
                         EventConsumer live, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.projection = projection;
        this.generations = generations;
        this.live = live;
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

    /** The running or last rebuild. */
    public ReplayProgress progress() {
        Run run = current;
        if (run == null) {
            return new ReplayProgress("IDLE", null, generations.active(), null, null, 0, 0, null, null, null, null);
        }
        return run.progress();
    }

    /**
     * Starts a rebuild into the next generation.
     *
     * @throws ErrorResponseException 409 while another rebuild runs
     */
    public ReplayProgress start() {
        synchronized (lock) {
            Run running = current;
            if (running != null && running.isActive()) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        "generation " + running.generation + " is being rebuilt; wait for it to finish");
                problem.setTitle("A rebuild is already running");
                problem.setProperty("replay", running.progress());
                throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
            }
            int target = generations.active() + 1;
            generations.drop(target);
            Run run = new Run(target, clock.instant());
            current = run;
            thread = new Thread(() -> run.execute(), "analytics-replay-g" + target);
            thread.start();
            return run.progress();
        }
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

    private final class Run {

        final int generation;
        final Instant startedAt;
        volatile String state = "RUNNING";
        volatile long done;
        volatile long total;
        volatile Instant finishedAt;
        volatile String failure;
        volatile Map<String, Long> switchedAt;
        volatile boolean cancelled;

        Run(int generation, Instant startedAt) {
            this.generation = generation;
            this.startedAt = startedAt;
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

        void execute() {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrap(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords(),
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
                Map<TopicPartition, Long> reached = live.betweenBatches(control -> switchOver(consumer, control)).get();
                Map<String, Long> position = new TreeMap<>();
                reached.forEach((tp, offset) -> position.put(tp.topic() + "-" + tp.partition(), offset));
                switchedAt = position;
                generations.drop(generation - 1);
                finishedAt = clock.instant();
                state = "COMPLETED";
                ReplayProgress p = progress();
                log.info("generation {} is active: {} records in {} s ({} records/s), at {}", generation, done,
                        Duration.between(startedAt, finishedAt).toSeconds(), p.eventsPerSecond(), position);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            } catch (ExecutionException e) {
                fail(e.getCause());
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private Map<TopicPartition, Long> switchOver(KafkaConsumer<String, byte[]> consumer, LiveConsumer control) {
            Map<TopicPartition, Long> livePosition = control.position();
            readUntil(consumer, livePosition);
            Map<TopicPartition, Long> reached = new HashMap<>();
            for (TopicPartition tp : consumer.assignment()) {
                reached.put(tp, Math.max(consumer.position(tp), livePosition.getOrDefault(tp, 0L)));
            }
            generations.activate(generation);
            control.moveTo(reached);
            return reached;
        }

        private void readUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> target) {
            Instant nextLog = clock.instant().plus(LOG_EVERY);
            while (!reached(consumer, target)) {
                if (cancelled) {
                    throw new IllegalStateException("the service is stopping");
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                List<ConsumedEvent> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    decoder.read(record, () -> { }).ifPresent(batch::add);
                }
                projection.apply(batch, generation);
                done += records.count();
                if (clock.instant().isAfter(nextLog)) {
                    ReplayProgress p = progress();
                    log.info("rebuild of generation {}: {}/{} records, {} records/s, about {} s left", generation,
                            p.eventsDone(), p.eventsTotal(), p.eventsPerSecond() == null ? "?"
                                    : String.format("%.0f", p.eventsPerSecond()), p.etaSeconds());
                    nextLog = clock.instant().plus(LOG_EVERY);
                }
            }
        }

        private boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> target) {
            for (Map.Entry<TopicPartition, Long> t : target.entrySet()) {
                if (consumer.assignment().contains(t.getKey()) && consumer.position(t.getKey()) < t.getValue()) {
                    return false;
                }
            }
            return true;
        }

        private void fail(Throwable e) {
            failure = String.valueOf(e.getMessage());
            finishedAt = clock.instant();
            state = "FAILED";
            log.error("rebuild of generation {} failed; generation {} stays active", generation, generations.active(), e);
        }
    }
}
