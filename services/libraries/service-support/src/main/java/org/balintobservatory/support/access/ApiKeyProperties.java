package org.balintobservatory.support.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The API keys this service accepts, as SHA-256 hashes: a key itself is never stored.
 *
 * @param keys one entry per key
 */
@ConfigurationProperties("balint.security")
public record ApiKeyProperties(List<Key> keys) {

    public ApiKeyProperties {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /**
     * @param id          public id of the key, safe to log
     * @param sha256      hex SHA-256 of the secret key
     * @param institution the institution of a SCHOOL key
     * @param role        what the key may do
     */
    public record Key(String id, String sha256, String institution, Role role) {
    }
}
