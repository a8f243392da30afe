package org.balintobservatory.support.batch;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The consumer-group lag of the analytics projection, read with Kafka's admin client as
 * {@code kafka-consumer-groups.sh --describe} reads it: per partition of the topics, the log end offset minus the
 * group's committed offset (a partition the group has not committed yet counts from offset 0), summed. The
 * projection commits only after its read models are written (docs/analytics.md), so this is what the read models
 * have yet to show.
 *
 * <p>The projection writes each generation of the read models with a consumer group of its own,
 * {@code <consumer-group>-g<n>} ({@code EventConsumer.consumerGroup}): the lag is the least of theirs. While a
 * rebuild's new generation reads history, the generation that answers keeps up with the topics and is the one
 * that counts; once the new one answers, the old group stops and falls behind, and the new one counts. A group
 * named exactly {@code <consumer-group>} counts too. The client is made on the first reading, so a service whose batches are never asked about
 * holds no connection.
 */
public class KafkaProjectionLag implements ProjectionLag, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaProjectionLag.class);
    /** How long a reading waits for the brokers before the lag is taken as unknown. */
    private static final long TIMEOUT_SECONDS = 5;

    private final String bootstrapServers;
    private final BackpressureProperties properties;
    private Admin admin;

    public KafkaProjectionLag(String bootstrapServers, BackpressureProperties properties) {
        this.bootstrapServers = bootstrapServers;
        this.properties = properties;
    }

    @Override
    public synchronized OptionalLong records() {
        try {
            Admin client = admin();
            Pattern generation = Pattern.compile(Pattern.quote(properties.consumerGroup()) + "(-g\\d+)?");
            List<Map<TopicPartition, OffsetAndMetadata>> groups = new ArrayList<>();
            for (ConsumerGroupListing listing : client.listConsumerGroups().all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                if (generation.matcher(listing.groupId()).matches()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = client
                            .listConsumerGroupOffsets(listing.groupId()).partitionsToOffsetAndMetadata()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    if (!committed.isEmpty()) {
                        groups.add(committed);
                    }
                }
            }
            if (groups.isEmpty()) {
                return OptionalLong.empty();
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (TopicDescription topic : client.describeTopics(properties.topics()).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            var endOffsets = client.listOffsets(ends).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long least = Long.MAX_VALUE;
            for (Map<TopicPartition, OffsetAndMetadata> committed : groups) {
                long lag = 0;
                for (var end : endOffsets.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
                }
                least = Math.min(least, lag);
            }
            return OptionalLong.of(least);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("the analytics projection's lag could not be read, so batches are taken: {}", e.toString());
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "batch-backpressure",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
