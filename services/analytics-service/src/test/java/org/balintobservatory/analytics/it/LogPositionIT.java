package org.balintobservatory.analytics.it;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.ingest.EventConsumer;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.ingest.Projection;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.analytics.readmodel.store.Generations;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.tracing.MessageTracing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A consumer that joins a generation's consumer group states where the group's commits are as soon as its
 * partitions are assigned, before it reads anything: after a restart, and when it joins the group a rebuild
 * committed.
 */
class LogPositionIT extends AnalyticsIntegrationTest {

    @Autowired
    AnalyticsProperties properties;

    @Autowired
    Projection projection;

    @Autowired
    Generations generations;

    @Autowired
    MongoClient mongo;

    @Test
    void restartedConsumerStatesTheCommittedOffsetsBeforeReadingAnything() {
        publish(new EventStream("it-restart-school").programme("prog-restart", Arm.INTERVENTION).drain());
        Map<String, Long> end = endOffsets();
        String group = "analytics-restart-check";
        commit(EventConsumer.consumerGroup(new AnalyticsProperties(properties.mongodbUri(), properties.database(),
                properties.kafkaBootstrap(), group, properties.maxPollRecords(), properties.rebuildBatchRecords(),
                properties.minCellSize(),
                properties.releaseEvery()), generations.active()), end);

        AnalyticsProperties restarted = new AnalyticsProperties(properties.mongodbUri(), properties.database(),
                properties.kafkaBootstrap(), group, properties.maxPollRecords(), properties.rebuildBatchRecords(),
                properties.minCellSize(),
                properties.releaseEvery());
        // A position of its own, so that only this consumer's statement is in it.
        LogPosition position = new LogPosition(mongo.getDatabase(properties.database() + "-restart-check"));
        EventConsumer consumer = new EventConsumer(restarted, projection, generations, position,
                new SimpleMeterRegistry(), Clock.systemUTC(), MessageTracing.none());
        consumer.start();
        try {
            await().atMost(Patience.scaled(Duration.ofSeconds(30))).untilAsserted(() -> assertThat(position.snapshot()).isEqualTo(end));
        } finally {
            consumer.stop();
        }
    }

    /** What a consumer group that had read everything would have committed. */
    private static void commit(String group, Map<String, Long> offsets) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((key, offset) -> {
                int dash = key.lastIndexOf('-');
                commits.put(new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1))),
                        new OffsetAndMetadata(offset));
            });
            consumer.commitSync(commits);
        }
    }
}
