package org.balintobservatory.access.key;

import java.time.Instant;

/**
 * A key as an administrator sees it: everything but the secret and its hash.
 *
 * @param source     {@code issued} through this API, or {@code configuration} ({@code balint.security.keys},
 *                   such as the operator's bootstrap admin key), which only a configuration change revokes
 * @param status     {@code active} or {@code revoked}
 * @param lastUsedAt the last request any service accepted with it, to the services' reporting interval;
 *                   {@code null} when never used
 */
public record KeyView(
        String keyId,
        String role,
        String institutionId,
        String label,
        String source,
        String status,
        Instant issuedAt,
        String issuedBy,
        Instant revokedAt,
        String revokedBy,
        String revokeReason,
        Instant lastUsedAt) {

    KeyView withLastUsedAt(Instant at) {
        return new KeyView(keyId, role, institutionId, label, source, status, issuedAt, issuedBy, revokedAt,
                revokedBy, revokeReason, at);
    }
}
