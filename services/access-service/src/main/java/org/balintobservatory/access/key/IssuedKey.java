package org.balintobservatory.access.key;

/**
 * The answer to an issue request: the only time the secret is ever shown.
 *
 * @param secret    the key to send as {@code Authorization: Bearer <secret>}; stored nowhere, so a lost
 *                  secret means revoking the key and issuing a new one
 * @param published whether every service could already read the key when this answer was sent; when
 *                  {@code false}, Kafka was slow and the key starts working as soon as it arrives
 */
public record IssuedKey(KeyView key, String secret, boolean published) {
}
