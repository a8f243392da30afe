package org.balintobservatory.contract.access;

/**
 * An administrator issued an API key. The secret itself is never recorded: services recognise the key by
 * the SHA-256 of the secret, and the key is 256 random bits, so the hash cannot be turned back.
 *
 * @param keyId         the key's public id, recorded with every command it issues
 * @param sha256        lower-case hex SHA-256 of the secret
 * @param institutionId the institution of a SCHOOL key; {@code null} for RESEARCHER and ADMIN keys
 * @param label         what the administrator wrote down about it (whose integration, which laptop)
 * @param issuedBy      the id of the administrator's key
 */
public record ApiKeyIssuedEvent(
        String keyId,
        String sha256,
        KeyRole role,
        String institutionId,
        String label,
        String issuedBy) {
}
