package org.balintobservatory.support.access.registry;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.access.ApiKeyRevokedEvent;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.support.access.ApiKeyProperties;
import org.balintobservatory.support.access.ApiKeys;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which source answers for a key: configuration first, then the issued keys, then the issued keys once
 * more after one catch-up. The registry is a real one fed with events; only its catch-up is replaced, to
 * count the rounds and to deliver what a round would have read.
 */
class ApiKeysTest {

    private static final String CONFIGURED_SECRET = "configured-secret";
    private static final String ISSUED_SECRET = "issued-secret";

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
    private final KeyUsageReporter usage = new KeyUsageReporter(producer, "group-service", Duration.ofHours(1),
            Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));
    private final CountingRegistry registry = new CountingRegistry();

    private final ApiKeyProperties properties = new ApiKeyProperties(List.of(
            // Upper case, as an operator may paste it: configured hashes are compared in lower case.
            new ApiKeyProperties.Key("cfg-admin", ApiKeys.sha256(CONFIGURED_SECRET).toUpperCase(Locale.ROOT), null,
                    Role.ADMIN)));

    @AfterEach
    void close() {
        usage.close();
    }

    @Test
    void aConfiguredKeyWinsOverAnIssuedKeyWithTheSameSecret() {
        registry.apply(new ApiKeyIssuedEvent("issued-school", ApiKeys.sha256(CONFIGURED_SECRET), KeyRole.SCHOOL,
                "uni-a", null, "admin"));
        ApiKeys keys = new ApiKeys(properties, registry, usage);

        assertThat(keys.authenticate(CONFIGURED_SECRET)).contains(new Caller("cfg-admin", null, Role.ADMIN));
        assertThat(registry.catchUps).hasValue(0);
    }

    @Test
    void anIssuedKeyIsFoundWithoutACatchUp() {
        registry.apply(new ApiKeyIssuedEvent("issued-school", ApiKeys.sha256(ISSUED_SECRET), KeyRole.SCHOOL,
                "uni-a", "lab", "admin"));
        ApiKeys keys = new ApiKeys(properties, registry, usage);

        assertThat(keys.authenticate(ISSUED_SECRET)).contains(new Caller("issued-school", "uni-a", Role.SCHOOL));
        assertThat(registry.catchUps).hasValue(0);
    }

    @Test
    void anUnknownKeyTriggersExactlyOneCatchUpAndIsRefused() {
        ApiKeys keys = new ApiKeys(properties, registry, usage);

        assertThat(keys.authenticate("nobody-issued-this")).isEmpty();
        assertThat(registry.catchUps).hasValue(1);
    }

    @Test
    void aKeyIssuedAMomentAgoIsFoundAfterTheCatchUp() {
        registry.onCatchUp.add(() -> registry.apply(new ApiKeyIssuedEvent("fresh", ApiKeys.sha256(ISSUED_SECRET),
                KeyRole.RESEARCHER, null, null, "admin")));
        ApiKeys keys = new ApiKeys(properties, registry, usage);

        assertThat(keys.authenticate(ISSUED_SECRET)).contains(new Caller("fresh", null, Role.RESEARCHER));
        assertThat(registry.catchUps).hasValue(1);
    }

    @Test
    void aRevokedKeyIsRefused() {
        registry.apply(new ApiKeyIssuedEvent("issued-school", ApiKeys.sha256(ISSUED_SECRET), KeyRole.SCHOOL,
                "uni-a", "lab", "admin"));
        registry.apply(new ApiKeyRevokedEvent("issued-school", "leaked", "admin"));
        ApiKeys keys = new ApiKeys(properties, registry, usage);

        assertThat(keys.authenticate(ISSUED_SECRET)).isEmpty();
        assertThat(registry.catchUps).hasValue(1);
    }

    @Test
    void withARegistryThatIsNotRunningAnUnknownKeyIsRefused() {
        KeyRegistry notStarted = new KeyRegistry("localhost:1", Duration.ofSeconds(5));
        notStarted.apply(new ApiKeyIssuedEvent("issued-school", ApiKeys.sha256(ISSUED_SECRET), KeyRole.SCHOOL,
                "uni-a", "lab", "admin"));
        ApiKeys keys = new ApiKeys(properties, notStarted, usage);

        assertThat(keys.authenticate("nobody-issued-this")).isEmpty();
        assertThat(keys.authenticate(ISSUED_SECRET)).contains(new Caller("issued-school", "uni-a", Role.SCHOOL));
    }

    @Test
    void withoutARegistryOnlyConfiguredKeysAreAccepted() {
        ApiKeys keys = new ApiKeys(properties);

        assertThat(keys.authenticate(CONFIGURED_SECRET)).map(Caller::keyId).contains("cfg-admin");
        assertThat(keys.authenticate(ISSUED_SECRET)).isEmpty();
    }

    @Test
    void everyAcceptedKeyIsReportedAndARefusedOneIsNot() {
        registry.apply(new ApiKeyIssuedEvent("issued-school", ApiKeys.sha256(ISSUED_SECRET), KeyRole.SCHOOL,
                "uni-a", "lab", "admin"));
        ApiKeys keys = new ApiKeys(properties, registry, usage);

        keys.authenticate(CONFIGURED_SECRET);
        keys.authenticate(ISSUED_SECRET);
        keys.authenticate(ISSUED_SECRET);
        keys.authenticate("nobody-issued-this");
        usage.report();

        assertThat(producer.history()).extracting(ProducerRecord::key)
                .containsExactlyInAnyOrder("cfg-admin/group-service", "issued-school/group-service");
    }

    /** A registry that is never started: counts catch-up rounds and runs what a round would have read. */
    private static final class CountingRegistry extends KeyRegistry {

        final AtomicInteger catchUps = new AtomicInteger();
        final List<Runnable> onCatchUp = new ArrayList<>();

        CountingRegistry() {
            super("localhost:1", Duration.ofSeconds(1));
        }

        @Override
        public boolean catchUp() {
            catchUps.incrementAndGet();
            onCatchUp.forEach(Runnable::run);
            return true;
        }
    }
}
