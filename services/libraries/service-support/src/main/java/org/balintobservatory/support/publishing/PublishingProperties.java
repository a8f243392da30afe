package org.balintobservatory.support.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How stored events are published.
 *
 * @param source    the CloudEvents {@code source} attribute naming this service
 * @param batchSize events sent per event-store read; the token advances once per acknowledged batch, so a
 *                  batch costs one wait for acknowledgements and one token update; 1,000 events are about
 *                  1 MB of records held until they are acknowledged
 * @param segments  how many segments the publisher's tracking processor splits the event stream into when
 *                  its token store is new; instances of the service share them (each segment is
 *                  published by one thread of one instance at a time, an aggregate's events always by the
 *                  same segment, so their order is kept). An existing token store keeps the segments it
 *                  has (split them with Axon's {@code splitSegment} to publish on more instances).
 */
@ConfigurationProperties("balint.publishing")
public record PublishingProperties(
        String source,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("2") int segments) {

    public PublishingProperties {
        if (segments < 1) {
            throw new IllegalArgumentException("balint.publishing.segments must be at least 1, was " + segments);
        }
    }
}
