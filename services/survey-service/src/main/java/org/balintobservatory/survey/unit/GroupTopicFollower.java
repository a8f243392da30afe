package org.balintobservatory.survey.unit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.cloudevents.MalformedCloudEventException;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.balintobservatory.support.consuming.ConsumerLoop;
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
    private volatile ConsumerLoop loop;

    GroupTopicFollower(KnownUnits units, KafkaConnectionProperties kafka, UnitProperties properties) {
        this.units = units;
        this.kafka = kafka;
        this.properties = properties;
    }

    @Override
    public void start() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
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
        ConsumerLoop.seekToCommitted(consumer, partitions);
        loop = new ConsumerLoop("group-topic-follower", consumer,
                ConsumerLoop.committing(POLL, records -> records.forEach(this::apply)),
                failure -> {
                    log.warn("reading the group topic failed; retrying from the last committed offset", failure);
                    return Duration.ofSeconds(1);
                }, true);
        loop.start();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null || !contains(value, PROGRAMME) && !contains(value, GROUP)) {
            return;
        }
        try {
            Object payload = codec.payload(CloudEventRecords.read(record)).orElse(null);
            if (payload instanceof ProgrammeRegisteredEvent p) {
                units.programmeRegistered(p.institutionId(), p.programmeId());
            } else if (payload instanceof GroupFormedEvent g) {
                units.groupFormed(g.institutionId(), g.groupId(), g.programmeId());
            }
        } catch (MalformedCloudEventException e) {
            log.warn("skipping a record of {} that is not a CloudEvent: {}", Topics.GROUP_EVENTS.name(), e.getMessage());
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
        if (loop != null) {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && loop.isRunning();
    }
}
