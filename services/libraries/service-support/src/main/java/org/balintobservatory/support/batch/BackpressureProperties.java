package org.balintobservatory.support.batch;

import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Backpressure on the batch endpoints: while the analytics projection is further behind the research topics than
 * {@link #maxLag()} records, or this service's own publisher further behind its event store than
 * {@link #maxUnpublished()} events, a batch is answered {@code 429} with {@code Retry-After} and nothing of it is
 * stored ({@link BatchAdmission}; docs/batches.md, docs/operations.md).
 *
 * @param enabled       off by default: where the projection has cores of its own, lag is a matter of analytics
 *                      instances, and a school's import should not wait on the read side; the local stack, which runs
 *                      everything on one machine, turns it on
 * @param consumerGroup the analytics projection's Kafka consumer group ({@code ANALYTICS_CONSUMER_GROUP} there)
 * @param topics        the topics whose lag counts; none named: the research topics the projection reads
 * @param maxLag        the most records the projection may be behind, summed over the topics' partitions, for a batch
 *                      to be taken; a batch taken runs whole, so the lag can pass it by one batch per client
 * @param maxUnpublished the most events this service may have stored and not yet published for a batch to be
 *                      taken; absent, the publisher's backlog does not count. A write reaches the read models only
 *                      once published, so where the publisher is the slower of the two, the projection's lag stays
 *                      small while the writes it has not yet been sent pile up in the event store
 * @param retryAfter    what {@code Retry-After} says: about the time the projection needs to apply a batch
 * @param refresh       how long one reading of the lag answers for; at most one reading per refresh, however many
 *                      batches arrive
 */
@ConfigurationProperties("balint.batch.backpressure")
public record BackpressureProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("analytics-read-models") String consumerGroup,
        List<String> topics,
        @DefaultValue("20000") long maxLag,
        Long maxUnpublished,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("1s") Duration refresh) {

    public BackpressureProperties {
        if (maxLag < 0) {
            throw new IllegalArgumentException("balint.batch.backpressure.max-lag must not be negative, was " + maxLag);
        }
        if (maxUnpublished != null && maxUnpublished < 0) {
            throw new IllegalArgumentException("balint.batch.backpressure.max-unpublished must not be negative, was "
                    + maxUnpublished);
        }
        topics = topics == null || topics.isEmpty()
                ? Topics.RESEARCH.stream().map(Topic::name).toList() : List.copyOf(topics);
    }
}
