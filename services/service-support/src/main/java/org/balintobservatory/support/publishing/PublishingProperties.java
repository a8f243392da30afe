package org.balintobservatory.support.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How stored events are published.
 *
 * @param source    the CloudEvents {@code source} attribute naming this service
 * @param batchSize events sent per event-store read; the token advances once per acknowledged batch
 */
@ConfigurationProperties("balint.publishing")
public record PublishingProperties(
        String source,
        @DefaultValue("200") int batchSize) {
}
