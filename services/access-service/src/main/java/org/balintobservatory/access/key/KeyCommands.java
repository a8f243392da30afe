package org.balintobservatory.access.key;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.balintobservatory.access.institution.InstitutionTable;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.support.access.ApiKeyProperties;
import org.balintobservatory.support.access.ApiKeys;
import org.balintobservatory.support.access.registry.KeyRegistry;
import org.balintobservatory.support.access.registry.RegisteredKey;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and revokes keys. A secret is 256 bits from {@link SecureRandom}, returned once and never
 * stored; the command carries only its SHA-256.
 *
 * <p>An answer is sent once the access service's own {@link KeyRegistry} has read the key's event back
 * from Kafka: from then on every service that meets the key reads the topic to its end before refusing
 * it, so the key works everywhere as soon as the answer arrives, and a revoked key stops working within
 * one poll of every service.
 */
@Component
public class KeyCommands {

    private static final Duration PUBLICATION_WAIT = Duration.ofSeconds(15);
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final CommandGateway commands;
    private final InstitutionTable institutions;
    private final KeyTable keys;
    private final KeyRegistry registry;
    private final ApiKeyProperties configured;
    private final SecureRandom random;

    public KeyCommands(CommandGateway commands, InstitutionTable institutions, KeyTable keys, KeyRegistry registry,
                       ApiKeyProperties configured, SecureRandom random) {
        this.commands = commands;
        this.institutions = institutions;
        this.keys = keys;
        this.registry = registry;
        this.configured = configured;
        this.random = random;
    }

    public IssuedKey issue(KeyRequests.Issue request, String issuedBy) {
        if (request.role() == KeyRole.SCHOOL && request.institutionId() != null
                && institutions.find(request.institutionId()).isEmpty()) {
            throw new RuleViolationException("institutionId", "institution-registered",
                    "no institution " + request.institutionId() + " is registered; register it first");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "bo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String keyId = newKeyId();
        commands.sendAndWait(new IssueApiKeyCommand(keyId, ApiKeys.sha256(secret), request.role(),
                request.institutionId(), request.label(), issuedBy));
        boolean published = registry.await(keyId, k -> true, PUBLICATION_WAIT);
        return new IssuedKey(view(keyId).orElseThrow(), secret, published);
    }

    public KeyView revoke(String keyId, String reason, String revokedBy) {
        if (isConfigured(keyId)) {
            throw new ConflictException("key " + keyId + " is configured (balint.security.keys), not issued; "
                    + "remove it from the services' configuration to revoke it", Map.of("keyId", keyId,
                    "source", "configuration"));
        }
        if (keys.find(keyId).isEmpty()) {
            throw new NotFoundException("no key " + keyId);
        }
        commands.sendAndWait(new RevokeApiKeyCommand(keyId, reason, revokedBy));
        registry.await(keyId, RegisteredKey::revoked, PUBLICATION_WAIT);
        return view(keyId).orElseThrow();
    }

    /** An issued key with its last use, or a configured one. */
    public Optional<KeyView> view(String keyId) {
        Optional<KeyView> issued = keys.find(keyId);
        if (issued.isPresent()) {
            return issued.map(k -> k.withLastUsedAt(registry.lastUsed(keyId).orElse(null)));
        }
        return configured.keys().stream().filter(k -> k.id().equals(keyId)).findFirst().map(this::view);
    }

    KeyView view(ApiKeyProperties.Key key) {
        return new KeyView(key.id(), key.role().name(), key.institution(), null, "configuration", "active", null,
                null, null, null, null, registry.lastUsed(key.id()).orElse(null));
    }

    private boolean isConfigured(String keyId) {
        return configured.keys().stream().anyMatch(k -> k.id().equals(keyId));
    }

    /** 80 random bits in base32: unique without coordination, and not mistakable for an institution id. */
    private String newKeyId() {
        StringBuilder id = new StringBuilder("key-");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
