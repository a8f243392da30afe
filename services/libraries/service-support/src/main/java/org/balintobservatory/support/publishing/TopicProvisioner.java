package org.balintobservatory.support.publishing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.balintobservatory.contract.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics a service publishes to, with the configured partitions and replicas and unlimited
 * retention (the topics are the replayable history of every read model), or compaction for a topic that
 * holds only the latest state per key. Existing topics are left as
 * they are, so a cluster's operator can own them instead.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    public static void ensureTopics(KafkaConnectionProperties kafka, Collection<Topic> topics) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            for (Topic topic : topics) {
                NewTopic newTopic = new NewTopic(topic.name(), kafka.topicPartitions(), kafka.replicationFactor())
                        .configs(topic.compacted()
                                ? Map.of("cleanup.policy", "compact")
                                : Map.of("retention.ms", "-1", "retention.bytes", "-1"));
                try {
                    admin.createTopics(java.util.List.of(newTopic)).all().get(60, TimeUnit.SECONDS);
                    log.info("created topic {} ({} partitions)", topic.name(), kafka.topicPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer", e);
        }
    }
}
