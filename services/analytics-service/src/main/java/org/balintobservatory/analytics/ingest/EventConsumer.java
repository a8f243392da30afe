package org.balintobservatory.analytics.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.readmodel.store.Generations;
import org.balintobservatory.analytics.readmodel.store.ReadModelConflictException;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.support.consuming.ConsumerLoop;
import org.balintobservatory.support.tracing.MessageTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the event topics and feeds the projections into the active generation, at least once: offsets
 * are committed only after the projections have written the batch, and the projections make redelivery
 * harmless.
 *
 * <p>Every instance of the service runs one consumer in the consumer group of the generation it writes,
 * {@code <consumer-group>-g<n>}. Kafka's range assignor gives each consumer the same partition numbers of
 * every research topic, and the topics are keyed by institution, so one consumer owns an institution's
 * documents; the projection's versioned writes make any overlap (while partitions move) harmless. Between
 * batches the consumer rereads which generation is active; when a rebuild has switched to a new one it
 * leaves its group and joins the new generation's, whose offsets the rebuild committed where it stopped.
 *
 * <p>Each traced record is applied in a span of the write's trace ({@link ProjectionSpans}).
 */
@Component
public class EventConsumer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final AnalyticsProperties properties;
    private final Projection projection;
    private final Generations generations;
    private final LogPosition position;
    private final EventDecoder decoder = new EventDecoder();
    private final MeterRegistry meters;
    private final Counter consumed;
    private final Counter skipped;
    private final Counter conflicts;
    private final EventRate rate;
    private final MessageTracing tracing;
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
    private volatile ConsumerLoop loop;
    private volatile int generation;
    /** Partitions assigned at the last poll; read by health checks, which must not touch the consumer. */
    private volatile int assigned;

    public EventConsumer(AnalyticsProperties properties, Projection projection, Generations generations,
                         LogPosition position, MeterRegistry meters, Clock clock, MessageTracing tracing) {
        this.properties = properties;
        this.tracing = tracing;
        this.projection = projection;
        this.generations = generations;
        this.position = position;
        this.meters = meters;
        this.consumed = meters.counter("balint.analytics.events.consumed");
        this.skipped = meters.counter("balint.analytics.events.skipped");
        this.conflicts = meters.counter("balint.analytics.write.conflicts");
        this.rate = new EventRate(clock, 10_000);
        Gauge.builder("balint.analytics.events.rate", rate, EventRate::perSecond)
                .description("events applied per second over the last 10 seconds")
                .register(meters);
    }

    /** The consumer group that writes generation {@code n}. */
    public static String consumerGroup(AnalyticsProperties properties, int n) {
        return properties.consumerGroup() + "-g" + n;
    }

    @Override
    public void start() {
        loop = new ConsumerLoop("analytics-event-consumer", join(generations.active()), this::turn, this::recover,
                true);
        loop.start();
    }

    private KafkaConsumer<String, byte[]> join(int n) {
        KafkaConsumer<String, byte[]> joined = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, consumerGroup(properties, n),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // Partition i of every research topic to the same consumer: one owner per institution.
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName()),
                new StringDeserializer(), new ByteArrayDeserializer());
        joined.subscribe(Topics.RESEARCH.stream().map(Topic::name).toList(), new PositionOnAssignment(joined, n));
        generation = n;
        position.refresh(n);
        return joined;
    }

    /** One turn of the loop: follow the active generation, then apply and commit one batch. */
    private void turn(KafkaConsumer<String, byte[]> consumer) {
        int active = generations.refresh();
        if (active != generation) {
            log.info("generation {} is active now; leaving the consumer group of generation {}", active, generation);
            lag.values().forEach(v -> v.set(0));
            loop.replace(join(active));
            return;
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
            apply(consumer, records);
        }
        assigned = consumer.assignment().size();
        position.refresh(generation);
        updateLag(consumer);
    }

    /** Nothing of a failed batch was committed; the loop goes back to the last commit and reads it again. */
    private Duration recover(RuntimeException failure) {
        if (failure instanceof ReadModelConflictException) {
            // Another writer got there first: read the same records again and apply them to what it wrote.
            conflicts.increment();
            log.debug("read-model write conflict; applying the batch again: {}", failure.getMessage());
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(10, 200));
        }
        log.error("projection batch failed; retrying from the last committed offsets", failure);
        return Duration.ofSeconds(1);
    }

    private void apply(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        List<ConsumedEvent> batch = new ArrayList<>(records.count());
        ProjectionSpans spans = new ProjectionSpans(tracing, consumerGroup(properties, generation));
        for (ConsumerRecord<String, byte[]> record : records) {
            decoder.read(record, skipped::increment).ifPresent(event -> {
                batch.add(event);
                spans.open(record, event, records.count());
            });
        }
        try {
            projection.apply(batch, generation);
            consumer.commitSync();
        } catch (RuntimeException e) {
            spans.failed(e);
            throw e;
        }
        spans.succeeded();
        Map<TopicPartition, Long> next = new HashMap<>();
        records.partitions().forEach(tp -> {
            List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
            next.put(tp, partitionRecords.get(partitionRecords.size() - 1).offset() + 1);
        });
        position.record(generation, next);
        consumed.increment(records.count());
        rate.record(records.count());
    }

    private void updateLag(KafkaConsumer<String, byte[]> consumer) {
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(value -> lag.computeIfAbsent(tp, this::lagGauge).set(value));
        }
    }

    private AtomicLong lagGauge(TopicPartition tp) {
        AtomicLong value = new AtomicLong();
        Gauge.builder("balint.analytics.consumer.lag", value, AtomicLong::get)
                .description("records on the partition not yet in the read models")
                .tag("topic", tp.topic())
                .tag("partition", String.valueOf(tp.partition()))
                .register(meters);
        return value;
    }

    /**
     * States where the consumer group left off as soon as partitions are assigned, before any new event: a
     * group whose commits are ahead of the recorded position (the rebuild that created it committed them)
     * raises it.
     */
    private final class PositionOnAssignment implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> owner;
        private final int n;

        PositionOnAssignment(KafkaConsumer<String, byte[]> owner, int n) {
            this.owner = owner;
            this.n = n;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = owner.committed(new HashSet<>(partitions));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                offsets.put(tp, offset == null ? 0 : offset.offset());
            }
            position.record(n, offsets);
            position.refresh(n);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Offsets are committed after every batch, so there is nothing left to flush.
        }
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(10));
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && loop.isRunning();
    }

    @Override
    public Health health() {
        if (!isRunning()) {
            return Health.down().withDetail("consumer", "stopped").build();
        }
        // A write conflict is another instance's write, retried at once: not a failure of this consumer.
        RuntimeException failure = loop.lastFailure();
        RuntimeException lastFailure = failure instanceof ReadModelConflictException ? null : failure;
        Health.Builder health = lastFailure == null ? Health.up() : Health.down()
                .withDetail("lastFailure", String.valueOf(lastFailure.getMessage()));
        return health.withDetail("position", position.snapshot()).withDetail("generation", generation)
                .withDetail("partitions", assigned).build();
    }
}
