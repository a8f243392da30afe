package org.balintobservatory.support.access;

import org.balintobservatory.support.access.registry.KeyRegistry;
import org.balintobservatory.support.access.registry.KeyUsageReporter;
import org.balintobservatory.support.access.registry.RegisteredKey;

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
 *
 * <p>Two sources: the keys in configuration ({@code balint.security.keys}: the operator's bootstrap admin
 * key, and keys of a deployment without the access service), then the keys issued through the access
 * service ({@link KeyRegistry}). A key neither knows is looked up once more after the registry has read
 * its topic to the end, so a key issued a moment ago is not refused.
 */
public class ApiKeys {

    private final Map<String, ApiKeyProperties.Key> configured;
    private final KeyRegistry registry;
    private final KeyUsageReporter usage;

    public ApiKeys(ApiKeyProperties properties) {
        this(properties, null, null);
    }

    /**
     * @param registry issued keys, or {@code null} to accept configured keys only
     * @param usage    where accepted keys are reported, or {@code null}
     */
    public ApiKeys(ApiKeyProperties properties, KeyRegistry registry, KeyUsageReporter usage) {
        this.configured = properties.keys().stream()
                .collect(Collectors.toUnmodifiableMap(k -> k.sha256().toLowerCase(), Function.identity()));
        this.registry = registry;
        this.usage = usage;
    }

    /** The caller of a key known now or after one catch-up of the issued keys. */
    public Optional<Caller> authenticate(String secret) {
        Optional<Caller> caller = authenticateKnown(secret);
        return caller.isPresent() ? caller : authenticateAfterCatchUp(secret);
    }

    /** The caller of a key this service knows now, without asking Kafka. */
    public Optional<Caller> authenticateKnown(String secret) {
        return used(find(sha256(secret)));
    }

    /** The caller of a key issued so recently that only reading the key topic to its end finds it. */
    public Optional<Caller> authenticateAfterCatchUp(String secret) {
        if (registry == null || !registry.catchUp()) {
            return Optional.empty();
        }
        return used(find(sha256(secret)));
    }

    private Optional<Caller> used(Optional<Caller> caller) {
        if (caller.isPresent() && usage != null) {
            usage.used(caller.get().keyId());
        }
        return caller;
    }

    private Optional<Caller> find(String hash) {
        ApiKeyProperties.Key key = configured.get(hash);
        if (key != null) {
            return Optional.of(new Caller(key.id(), key.institution(), key.role()));
        }
        if (registry == null) {
            return Optional.empty();
        }
        return registry.findByHash(hash).map(ApiKeys::caller);
    }

    private static Caller caller(RegisteredKey key) {
        return new Caller(key.keyId(), key.institutionId(), key.role());
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
