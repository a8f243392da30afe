package org.balintobservatory.support.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kafka is and how this service's topics are created. Bound from {@code kafka.*}, so the
 * environment variable {@code KAFKA_BOOTSTRAP_SERVERS} sets {@code kafka.bootstrap-servers}.
 *
 * @param bootstrapServers  the brokers
 * @param topicPartitions   partitions of a topic this service creates; more allow more consumers in parallel
 * @param replicationFactor replicas of a topic this service creates; 3 on a production cluster
 */
@ConfigurationProperties("kafka")
public record KafkaConnectionProperties(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("3") int topicPartitions,
        @DefaultValue("1") short replicationFactor) {
}
