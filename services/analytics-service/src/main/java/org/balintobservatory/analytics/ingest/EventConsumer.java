package org.balintobservatory.analytics.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.cloudevents.MalformedCloudEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the event topics and feeds the projections, at least once: offsets are committed only after
 * every projection has written the batch, and the projections make redelivery harmless.
 *
 * <p>An event that cannot be read (not a CloudEvent, or data that does not match its declared type) is
 * logged and counted, then skipped: one bad record must not stop every read model.
 */
@Component
public class EventConsumer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final AnalyticsProperties properties;
    private final List<Projection> projections;
    private final LogPosition position;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final Counter consumed;
    private final Counter skipped;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Exception lastFailure;

    public EventConsumer(AnalyticsProperties properties, List<Projection> projections, LogPosition position,
                         MeterRegistry meters) {
        this.properties = properties;
        this.projections = projections;
        this.position = position;
        this.consumed = meters.counter("balint.analytics.events.consumed");
        this.skipped = meters.counter("balint.analytics.events.skipped");
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
        consumer.subscribe(Topics.ALL.stream().map(Topic::name).toList());
        running = true;
        thread = new Thread(this::run, "analytics-event-consumer");
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<ConsumedEvent> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    read(record).ifPresent(batch::add);
                }
                for (Projection projection : projections) {
                    projection.apply(batch);
                }
                consumer.commitSync();
                records.partitions().forEach(tp -> {
                    List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
                    position.advance(tp.topic(), tp.partition(),
                            partitionRecords.get(partitionRecords.size() - 1).offset() + 1);
                });
                consumed.increment(batch.size());
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
    }

    private Optional<ConsumedEvent> read(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent envelope = codec.decode(record.value());
            Optional<Object> payload = codec.payload(envelope);
            if (payload.isEmpty()) {
                log.debug("skipping event type {} at {}-{}@{}", envelope.type(), record.topic(), record.partition(),
                        record.offset());
                return Optional.empty();
            }
            long sequence = envelope.sequence() == null ? -1 : envelope.sequence();
            return Optional.of(new ConsumedEvent(envelope.id(), envelope.subject(), sequence, envelope.time(),
                    payload.get()));
        } catch (MalformedCloudEventException e) {
            skipped.increment();
            log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private void rewind() {
        consumer.assignment().forEach(tp -> {
            var committed = consumer.committed(java.util.Set.of(tp)).get(tp);
            if (committed != null) {
                consumer.seek(tp, committed.offset());
            } else {
                consumer.seekToBeginning(java.util.List.of(tp));
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
        return health.withDetail("position", position.snapshot()).build();
    }
}
