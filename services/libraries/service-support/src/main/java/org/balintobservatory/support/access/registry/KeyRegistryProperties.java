package org.balintobservatory.support.access.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How a service follows the issued keys.
 *
 * @param enabled        whether keys issued through the access service are accepted at all; without it
 *                       only the keys in {@code balint.security.keys} are
 * @param startupTimeout how long start-up may take to read the key topics to their end before it fails
 * @param catchUpTimeout how long a request with a key this service does not know waits while the topic is
 *                       read to its current end, before it is refused with 401
 * @param usageInterval  how often this service reports when it last accepted each key
 */
@ConfigurationProperties("balint.security.registry")
public record KeyRegistryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration startupTimeout,
        @DefaultValue("5s") Duration catchUpTimeout,
        @DefaultValue("30s") Duration usageInterval) {

    public KeyRegistryProperties {
        for (Duration d : new Duration[] {startupTimeout, catchUpTimeout, usageInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("balint.security.registry durations must be positive, got " + d);
            }
        }
    }
}
