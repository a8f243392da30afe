package org.balintobservatory.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the analytics service reads from and writes to.
 *
 * @param mongodbUri      the read-model store ({@code MONGODB_URI})
 * @param database        the database of the read models
 * @param kafkaBootstrap  the brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param consumerGroup   the Kafka consumer group of the projections
 * @param maxPollRecords  events read, applied and written per batch of the live consumer
 * @param rebuildBatchRecords events read, applied and written per batch of a rebuild: larger, because a
 *                        rebuild is measured in events per second, not in how soon one event shows, and
 *                        each batch costs one load and one bulk write per collection however many it holds
 * @param minCellSize     fewest participants behind any statistic a researcher can see or infer (one
 *                        setting for every answer): below it, means and SDs would come close to one
 *                        person's scores
 * @param releaseEvery    cut a data release this often; absent: only when an administrator asks
 */
@ConfigurationProperties("balint.analytics")
public record AnalyticsProperties(
        @DefaultValue("mongodb://localhost:27017") String mongodbUri,
        @DefaultValue("balint_analytics") String database,
        @DefaultValue("localhost:9092") String kafkaBootstrap,
        @DefaultValue("analytics-read-models") String consumerGroup,
        @DefaultValue("500") int maxPollRecords,
        @DefaultValue("5000") int rebuildBatchRecords,
        @DefaultValue("5") int minCellSize,
        Duration releaseEvery) {
}
