package org.balintobservatory.support.batch;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.balintobservatory.support.publishing.KafkaEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The publisher's backlog: events in this service's event store that the {@link KafkaEventPublisher}'s processor
 * has not yet sent, as the distance between the store's head and the least position of the processor's segments
 * (both global sequence numbers of the store): {@code backlog = max(0, head − min over segments of position)}, a
 * segment that has published nothing counting as position −1. An event a segment skips because another segment
 * publishes it still moves that segment on, so the least position is where publishing as a whole has got to.
 *
 * <p>It counts the segments this instance runs: where instances share the work, each sees the backlog of its own
 * segments, and one that runs none cannot tell (empty). A store that does not answer cannot tell either.
 */
public final class PublisherBacklog implements UnpublishedEvents {

    private static final Logger log = LoggerFactory.getLogger(PublisherBacklog.class);

    private final Supplier<Configuration> axon;

    /** @param axon Axon's configuration, asked for when the backlog is first read (it is built after this bean) */
    public PublisherBacklog(Supplier<Configuration> axon) {
        this.axon = axon;
    }

    @Override
    public OptionalLong events() {
        try {
            Configuration configuration = axon.get();
            Optional<StreamingEventProcessor> publisher = configuration.eventProcessingConfiguration()
                    .eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class);
            if (publisher.isEmpty()) {
                return OptionalLong.empty();
            }
            Map<Integer, EventTrackerStatus> segments = publisher.get().processingStatus();
            if (segments.isEmpty()) {
                return OptionalLong.empty();
            }
            long published = Long.MAX_VALUE;
            for (EventTrackerStatus segment : segments.values()) {
                published = Math.min(published, segment.getCurrentPosition().orElse(-1));
            }
            TrackingToken head = configuration.eventStore().createHeadToken();
            long last = head == null ? -1 : head.position().orElse(-1);
            return OptionalLong.of(Math.max(0, last - published));
        } catch (RuntimeException e) {
            log.debug("the publisher's backlog could not be read", e);
            return OptionalLong.empty();
        }
    }
}
