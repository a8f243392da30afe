package org.balintobservatory.support.access.registry;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.access.ApiKeyUsedEvent;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Remembers when this service last accepted each key and reports it on {@link Topics#KEY_USAGE} once per
 * interval, one record per key that was used since the last report. Requests only touch a map; the
 * report is the only Kafka traffic, so a busy key costs one record per interval, not one per request.
 *
 * <p>A report that Kafka does not take is merged back and sent with the next one: last-used times are
 * operational information, late rather than lost.
 *
 * <p>Several instances of one service report under the same record key, and compaction keeps only the
 * last record, which may come from the instance that saw the key earlier. So each report carries the
 * later of this instance's time and the latest report of this service the topic already holds
 * ({@link #mergingReportsFrom}): the record compaction keeps is never older than one it removed.
 */
public class KeyUsageReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyUsageReporter.class);

    private final Producer<String, byte[]> producer;
    private final String service;
    private final Clock clock;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schedule;
    private volatile Function<String, Optional<Instant>> reportedSoFar = keyId -> Optional.empty();

    /** How long one report may wait for the broker's metadata or buffer space. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(2);

    public KeyUsageReporter(String bootstrapServers, String service, Duration interval, Clock clock) {
        this(new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.CLIENT_ID_CONFIG, service + "-key-usage",
                        // A report that cannot be sent waits for the next round, not for the broker: without this a
                        // send blocks for a minute when Kafka is away, the last report at shutdown included.
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()),
                        new StringSerializer(), new ByteArraySerializer()),
                service, interval, clock);
    }

    KeyUsageReporter(Producer<String, byte[]> producer, String service, Duration interval, Clock clock) {
        this.producer = producer;
        this.service = service;
        this.clock = clock;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "key-usage-reporter");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        schedule.scheduleWithFixedDelay(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Takes what the topic already holds for this service from the registry that reads it. */
    public KeyUsageReporter mergingReportsFrom(KeyRegistry registry) {
        return mergingReportsFrom(keyId -> registry.lastUsed(keyId, service));
    }

    /** @param reported the latest report of this service the topic holds, per key id */
    KeyUsageReporter mergingReportsFrom(Function<String, Optional<Instant>> reported) {
        reportedSoFar = reported;
        return this;
    }

    /** Notes that this service accepted the key just now. */
    public void used(String keyId) {
        pending.merge(keyId, clock.instant(), KeyUsageReporter::later);
    }

    /** Sends what was used since the last report. */
    void report() {
        for (String keyId : pending.keySet()) {
            Instant used = pending.remove(keyId);
            if (used == null) {
                continue;
            }
            Instant at = reportedSoFar.apply(keyId).map(r -> later(r, used)).orElse(used);
            String recordKey = keyId + "/" + service;
            CloudEvent event = codec.wrap(UUID.randomUUID().toString(), "/balint-observatory/" + service, recordKey,
                    clock.instant(), null, new ApiKeyUsedEvent(keyId, service, at));
            ProducerRecord<String, byte[]> record = CloudEventRecords.write(Topics.KEY_USAGE.name(), recordKey, event);
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        pending.merge(keyId, at, KeyUsageReporter::later);
                        log.warn("could not report the use of key {}; will retry: {}", keyId, failure.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                pending.merge(keyId, at, KeyUsageReporter::later);
                log.warn("could not report the use of key {}; will retry: {}", keyId, e.getMessage());
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        schedule.shutdown();
        try {
            schedule.awaitTermination(5, TimeUnit.SECONDS);
            report();
            producer.close(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("could not send the last key-usage report: {}", e.getMessage());
        }
    }
}
