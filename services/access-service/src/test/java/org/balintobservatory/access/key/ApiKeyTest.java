package org.balintobservatory.access.key;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.access.ApiKeyRevokedEvent;
import org.balintobservatory.contract.access.KeyRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.balintobservatory.support.web.RuleMatchers.violates;

class ApiKeyTest {

    private static final String HASH = "a".repeat(64);
    private static final ApiKeyIssuedEvent ISSUED =
            new ApiKeyIssuedEvent("key-abcdefghijklmnop", HASH, KeyRole.SCHOOL, "uni-lyon", "Lyon server", "admin");

    private AggregateTestFixture<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
    }

    @Test
    void issuingASchoolKeyRecordsItsHashAndInstitution() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand("key-abcdefghijklmnop", HASH, KeyRole.SCHOOL, "uni-lyon", "Lyon server",
                        "admin"))
                .expectEvents(ISSUED);
    }

    @Test
    void cannotIssueASchoolKeyWithoutAnInstitution() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand("key-abcdefghijklmnop", HASH, KeyRole.SCHOOL, null, null, "admin"))
                .expectNoEvents()
                .expectException(violates("institutionId", "school-key-has-institution"));
    }

    @Test
    void cannotIssueAResearcherKeyForAnInstitution() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand("key-abcdefghijklmnop", HASH, KeyRole.RESEARCHER, "uni-lyon", null, "admin"))
                .expectNoEvents()
                .expectException(violates("institutionId", "aggregate-key-has-none"));
    }

    @Test
    void revokingAKeyRecordsWhoAndWhy() {
        fixture.given(ISSUED)
                .when(new RevokeApiKeyCommand("key-abcdefghijklmnop", "server replaced", "admin"))
                .expectEvents(new ApiKeyRevokedEvent("key-abcdefghijklmnop", "server replaced", "admin"));
    }

    @Test
    void revokingARevokedKeyChangesNothing() {
        fixture.given(ISSUED, new ApiKeyRevokedEvent("key-abcdefghijklmnop", null, "admin"))
                .when(new RevokeApiKeyCommand("key-abcdefghijklmnop", "again", "admin"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
