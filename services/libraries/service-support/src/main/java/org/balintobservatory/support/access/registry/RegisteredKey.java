package org.balintobservatory.support.access.registry;

import org.balintobservatory.support.access.Role;

/**
 * A key issued through the access service, as this service knows it.
 *
 * @param sha256        lower-case hex SHA-256 of the secret
 * @param institutionId the institution of a SCHOOL key, otherwise {@code null}
 * @param revoked       whether an administrator revoked it
 */
public record RegisteredKey(String keyId, String sha256, Role role, String institutionId, boolean revoked) {

    RegisteredKey revoke() {
        return new RegisteredKey(keyId, sha256, role, institutionId, true);
    }
}
