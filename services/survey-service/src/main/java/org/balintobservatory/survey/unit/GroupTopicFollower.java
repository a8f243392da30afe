package org.balintobservatory.survey.unit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.cloudevents.MalformedCloudEventException;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.support.publishing.KafkaConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link Topics#GROUP_EVENTS} into {@link KnownUnits}: every programme-registered and group-formed
 * event, with offsets committed to a consumer group after the rows are written, so a restart continues
 * where it stopped and a record read twice inserts nothing twice. The other events of the topic are skipped
 * without being decoded.
 */
@Component
class GroupTopicFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupTopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final byte[] PROGRAMME = "programme-registered".getBytes(StandardCharsets.UTF_8);
    private static final byte[] GROUP = "group-formed".getBytes(StandardCharsets.UTF_8);

    private final KnownUnits units;
    private final KafkaConnectionProperties kafka;
    private final UnitProperties properties;
    private final CloudEventCodec codec = new CloudEventCodec();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    GroupTopicFollower(KnownUnits units, KafkaConnectionProperties kafka, UnitProperties properties) {
        this.units = units;
        this.kafka = kafka;
        this.properties = properties;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        // Every partition, assigned rather than subscribed: no group rebalance delays the first read, and two
        // instances reading the same records insert nothing twice. The group only keeps the offsets.
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.GROUP_EVENTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.committed(new java.util.HashSet<>(partitions)).forEach((partition, offset) -> {
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        });
        running = true;
        thread = new Thread(this::follow, "group-topic-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            try {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    apply(record.value());
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("reading the group topic failed; retrying from the last committed offset", e);
                rewind();
            }
        }
    }

    private void apply(byte[] value) {
        if (value == null || !contains(value, PROGRAMME) && !contains(value, GROUP)) {
            return;
        }
        try {
            Object payload = codec.payload(codec.decode(value)).orElse(null);
            if (payload instanceof ProgrammeRegisteredEvent p) {
                units.programmeRegistered(p.institutionId(), p.programmeId());
            } else if (payload instanceof GroupFormedEvent g) {
                units.groupFormed(g.institutionId(), g.groupId(), g.programmeId());
            }
        } catch (MalformedCloudEventException e) {
            log.warn("skipping a record of {} that is not a CloudEvent: {}", Topics.GROUP_EVENTS.name(), e.getMessage());
        }
    }

    /** Goes back to the committed offsets, so records of a failed batch are applied again. */
    private void rewind() {
        try {
            consumer.committed(consumer.assignment()).forEach((partition, offset) -> {
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset);
                }
            });
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (RuntimeException e) {
            log.warn("could not rewind the group topic", e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
