package org.balintobservatory.support.access.registry;

import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.access.ApiKeyRevokedEvent;
import org.balintobservatory.contract.access.ApiKeyUsedEvent;
import org.balintobservatory.contract.access.InstitutionRegisteredEvent;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.support.access.ApiKeys;
import org.balintobservatory.support.access.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's state, fed event by event as the follower thread would, without a broker. */
class KeyRegistryTest {

    private static final String SCHOOL_HASH = ApiKeys.sha256("school-secret");
    private static final String ADMIN_HASH = ApiKeys.sha256("admin-secret");

    private final KeyRegistry registry = new KeyRegistry("localhost:1", Duration.ofSeconds(1));

    @Test
    void anIssuedKeyIsFoundByItsHashWithItsRoleAndInstitution() {
        registry.apply(new ApiKeyIssuedEvent("k-school", SCHOOL_HASH, KeyRole.SCHOOL, "uni-a", "lab", "admin"));
        registry.apply(new ApiKeyIssuedEvent("k-admin", ADMIN_HASH, KeyRole.ADMIN, null, "ops", "admin"));

        assertThat(registry.findByHash(SCHOOL_HASH))
                .contains(new RegisteredKey("k-school", SCHOOL_HASH, Role.SCHOOL, "uni-a", false));
        assertThat(registry.findByHash(ADMIN_HASH))
                .contains(new RegisteredKey("k-admin", ADMIN_HASH, Role.ADMIN, null, false));
        assertThat(registry.findById("k-school")).map(RegisteredKey::revoked).contains(false);
        assertThat(registry.findByHash(ApiKeys.sha256("never-issued"))).isEmpty();
    }

    @Test
    void anUpperCaseHashInTheEventIsStoredLowerCaseAsApiKeysLooksItUp() {
        registry.apply(new ApiKeyIssuedEvent("k-upper", SCHOOL_HASH.toUpperCase(Locale.ROOT), KeyRole.RESEARCHER,
                null, null, "admin"));

        assertThat(registry.findByHash(SCHOOL_HASH)).map(RegisteredKey::keyId).contains("k-upper");
    }

    @Test
    void aRevokedKeyIsNoLongerFoundByHashButItsIdShowsTheRevocation() {
        registry.apply(new ApiKeyIssuedEvent("k-school", SCHOOL_HASH, KeyRole.SCHOOL, "uni-a", "lab", "admin"));
        registry.apply(new ApiKeyRevokedEvent("k-school", "laptop lost", "admin"));

        assertThat(registry.findByHash(SCHOOL_HASH)).isEmpty();
        assertThat(registry.findById("k-school"))
                .contains(new RegisteredKey("k-school", SCHOOL_HASH, Role.SCHOOL, "uni-a", true));
    }

    @Test
    void aRedeliveredIssueEventAfterTheRevocationDoesNotBringTheKeyBack() {
        ApiKeyIssuedEvent issued = new ApiKeyIssuedEvent("k-school", SCHOOL_HASH, KeyRole.SCHOOL, "uni-a", "lab",
                "admin");
        registry.apply(issued);
        registry.apply(new ApiKeyRevokedEvent("k-school", null, "admin"));
        registry.apply(issued);

        assertThat(registry.findByHash(SCHOOL_HASH)).isEmpty();
        assertThat(registry.findById("k-school")).map(RegisteredKey::revoked).contains(true);
    }

    @Test
    void revokingAnUnknownKeyChangesNothing() {
        registry.apply(new ApiKeyIssuedEvent("k-school", SCHOOL_HASH, KeyRole.SCHOOL, "uni-a", "lab", "admin"));
        registry.apply(new ApiKeyRevokedEvent("k-other", null, "admin"));

        assertThat(registry.findById("k-other")).isEmpty();
        assertThat(registry.findByHash(SCHOOL_HASH)).map(RegisteredKey::keyId).contains("k-school");
    }

    @Test
    void otherAccessEventsAreIgnored() {
        registry.apply(new InstitutionRegisteredEvent("uni-a", "University A", "HU"));

        assertThat(registry.findById("uni-a")).isEmpty();
        assertThat(registry.lastUsed("uni-a")).isEmpty();
    }

    @Test
    void lastUsedIsTheLatestOverAllServicesAndAnOlderReportDoesNotMoveItBack() {
        Instant t0 = Instant.parse("2026-11-22T08:00:00Z");
        assertThat(registry.lastUsed("k")).isEmpty();

        registry.apply(new ApiKeyUsedEvent("k", "group-service", t0.plusSeconds(60)));
        registry.apply(new ApiKeyUsedEvent("k", "survey-service", t0.plusSeconds(120)));
        registry.apply(new ApiKeyUsedEvent("k", "analytics-service", t0.plusSeconds(30)));
        assertThat(registry.lastUsed("k")).contains(t0.plusSeconds(120));

        // A late, older report from the service that reported the latest time.
        registry.apply(new ApiKeyUsedEvent("k", "survey-service", t0));
        assertThat(registry.lastUsed("k")).contains(t0.plusSeconds(120));

        registry.apply(new ApiKeyUsedEvent("k", "group-service", t0.plusSeconds(180)));
        assertThat(registry.lastUsed("k")).contains(t0.plusSeconds(180));
        assertThat(registry.lastUsed("other")).isEmpty();
    }

    @Test
    void aRegistryThatWasNeverStartedDoesNotCatchUpAndIsNotFollowing() {
        assertThat(registry.catchUp()).isFalse();
        assertThat(registry.isFollowing()).isFalse();
        registry.close();
    }

    @Test
    void awaitAnswersOnceTheConditionHoldsAndGivesUpAfterTheTimeout() {
        registry.apply(new ApiKeyIssuedEvent("k-school", SCHOOL_HASH, KeyRole.SCHOOL, "uni-a", "lab", "admin"));

        assertThat(registry.await("k-school", k -> !k.revoked(), Duration.ofMillis(50))).isTrue();
        assertThat(registry.await("k-school", RegisteredKey::revoked, Duration.ofMillis(50))).isFalse();
        assertThat(registry.await("k-unknown", k -> true, Duration.ofMillis(50))).isFalse();
    }
}
