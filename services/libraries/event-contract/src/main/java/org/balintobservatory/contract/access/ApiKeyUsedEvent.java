package org.balintobservatory.contract.access;

import java.time.Instant;

/**
 * A service's report of the last time it accepted a key. Services send it at most once per reporting
 * interval per key, so the time is accurate to that interval; the topic keeps the latest report per key
 * and service.
 *
 * @param service    the reporting service, e.g. {@code group-service}
 * @param lastUsedAt the last request the service accepted with the key
 */
public record ApiKeyUsedEvent(String keyId, String service, Instant lastUsedAt) {
}
