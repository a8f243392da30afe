package org.balintobservatory.contract.access;

/**
 * An administrator revoked an API key: from this event on, no service accepts it. Revocation is final;
 * a replacement is a new key.
 *
 * @param reason    what the administrator wrote down, if anything
 * @param revokedBy the id of the administrator's key
 */
public record ApiKeyRevokedEvent(String keyId, String reason, String revokedBy) {
}
