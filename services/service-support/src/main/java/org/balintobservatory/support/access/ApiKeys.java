package org.balintobservatory.support.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys this service accepts, looked up by the SHA-256 of the secret: the secret itself is never
 * stored. A key is 256 random bits, so an unsalted hash is as strong as the key.
 */
public class ApiKeys {

    private final Map<String, ApiKeyProperties.Key> byHash;

    public ApiKeys(ApiKeyProperties properties) {
        this.byHash = properties.keys().stream()
                .collect(Collectors.toUnmodifiableMap(k -> k.sha256().toLowerCase(), Function.identity()));
    }

    public Optional<Caller> authenticate(String secret) {
        ApiKeyProperties.Key key = byHash.get(sha256(secret));
        return key == null ? Optional.empty() : Optional.of(new Caller(key.id(), key.institution(), key.role()));
    }

    public static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
