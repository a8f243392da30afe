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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
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
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Reads the event topics and feeds the projections into the active generation, at least once: offsets
 * are committed only after the projections have written the batch, and the projections make redelivery
 * harmless.
 *
 * <p>Work that must not interleave with a batch (the switch-over of a rebuild) is queued with
 * {@link #betweenBatches} and runs on this consumer's thread.
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
    private final EventRate rate;
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Exception lastFailure;

    public EventConsumer(AnalyticsProperties properties, Projection projection, Generations generations,
                         LogPosition position, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.projection = projection;
        this.generations = generations;
        this.position = position;
        this.meters = meters;
        this.consumed = meters.counter("balint.analytics.events.consumed");
        this.skipped = meters.counter("balint.analytics.events.skipped");
        this.rate = new EventRate(clock, 10_000);
        Gauge.builder("balint.analytics.events.rate", rate, EventRate::perSecond)
                .description("events applied per second over the last 10 seconds")
                .register(meters);
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Topics.RESEARCH.stream().map(Topic::name).toList(), new PositionOnAssignment());
        running = true;
        thread = new Thread(this::run, "analytics-event-consumer");
        thread.start();
    }

    /**
     * Runs a task on the consumer thread, after the batch in progress is written and before the next
     * poll.
     */
    public <T> CompletableFuture<T> betweenBatches(Function<LiveConsumer, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(task.apply(new Control()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void run() {
        while (running) {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    apply(records);
                }
                updateLag();
                lastFailure = null;
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (Exception e) {
                // Nothing was committed: rewind to the last commit and try the same records again.
                lastFailure = e;
                log.error("projection batch failed; retrying from the last committed offsets", e);
                rewind();
                sleepQuietly();
            }
        }
        consumer.close();
        // Tasks still queued fail on the closed consumer, which completes their futures exceptionally.
        Runnable left;
        while ((left = tasks.poll()) != null) {
            left.run();
        }
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        List<ConsumedEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            decoder.read(record, skipped::increment).ifPresent(batch::add);
        }
        projection.apply(batch, generations.active());
        consumer.commitSync();
        records.partitions().forEach(tp -> {
            List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
            position.advance(tp.topic(), tp.partition(), partitionRecords.get(partitionRecords.size() - 1).offset() + 1);
        });
        consumed.increment(records.count());
        rate.record(records.count());
    }

    private void updateLag() {
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

    private void rewind() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
        consumer.assignment().forEach(tp -> {
            OffsetAndMetadata offset = committed.get(tp);
            if (offset != null) {
                consumer.seek(tp, offset.offset());
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        });
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the stated position where the consumer group left off, not empty, after every (re)start. */
    private final class PositionOnAssignment implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                position.reset(tp.topic(), tp.partition(), offset == null ? 0 : offset.offset());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Offsets are committed after every batch, so there is nothing left to flush.
        }
    }

    private final class Control implements LiveConsumer {

        @Override
        public Map<TopicPartition, Long> position() {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (TopicPartition tp : consumer.assignment()) {
                offsets.put(tp, consumer.position(tp));
            }
            return offsets;
        }

        @Override
        public void moveTo(Map<TopicPartition, Long> offsets) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            for (TopicPartition tp : consumer.assignment()) {
                Long target = offsets.get(tp);
                if (target != null && target > consumer.position(tp)) {
                    consumer.seek(tp, target);
                    commits.put(tp, new OffsetAndMetadata(target));
                    position.advance(tp.topic(), tp.partition(), target);
                }
            }
            if (!commits.isEmpty()) {
                consumer.commitSync(commits);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        if (!running) {
            return Health.down().withDetail("consumer", "stopped").build();
        }
        Health.Builder health = lastFailure == null ? Health.up() : Health.down()
                .withDetail("lastFailure", String.valueOf(lastFailure.getMessage()));
        return health.withDetail("position", position.snapshot()).withDetail("generation", generations.active())
                .build();
    }
}
