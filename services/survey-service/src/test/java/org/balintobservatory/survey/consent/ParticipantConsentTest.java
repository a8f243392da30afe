package org.balintobservatory.survey.consent;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipantConsentTest {

    private static final String SCHOOL = "uni-test";
    private static final String PARTICIPANT = "px-abcdefghijklmnopabcdefghijklmnop";
    private static final String AGGREGATE = ParticipantConsent.aggregateId(SCHOOL, PARTICIPANT);

    private final InMemoryConsentRegister register = new InMemoryConsentRegister();
    private AggregateTestFixture<ParticipantConsent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ParticipantConsent.class);
        fixture.registerInjectableResource(register);
    }

    @Test
    void aWithdrawalIsRememberedForTheParticipant() {
        fixture.givenNoPriorActivity()
                .when(new WithdrawConsentCommand(AGGREGATE, SCHOOL, PARTICIPANT))
                .expectEvents(new ConsentWithdrawnEvent(SCHOOL, PARTICIPANT));
        assertThat(register.isWithdrawn(SCHOOL, PARTICIPANT)).isTrue();
    }

    @Test
    void withdrawingAgainChangesNothing() {
        fixture.given(new ConsentWithdrawnEvent(SCHOOL, PARTICIPANT))
                .when(new WithdrawConsentCommand(AGGREGATE, SCHOOL, PARTICIPANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void renewedConsentLiftsTheWithdrawal() {
        register.record(SCHOOL, PARTICIPANT, true);
        fixture.given(new ConsentWithdrawnEvent(SCHOOL, PARTICIPANT))
                .when(new RenewConsentCommand(AGGREGATE, SCHOOL, PARTICIPANT))
                .expectEvents(new ConsentRenewedEvent(SCHOOL, PARTICIPANT));
        assertThat(register.isWithdrawn(SCHOOL, PARTICIPANT)).isFalse();
    }

    @Test
    void renewingAConsentThatStandsChangesNothing() {
        fixture.given(new ConsentWithdrawnEvent(SCHOOL, PARTICIPANT), new ConsentRenewedEvent(SCHOOL, PARTICIPANT))
                .when(new RenewConsentCommand(AGGREGATE, SCHOOL, PARTICIPANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void consentWithdrawnAgainAfterARenewalIsRememberedAgain() {
        fixture.given(new ConsentWithdrawnEvent(SCHOOL, PARTICIPANT), new ConsentRenewedEvent(SCHOOL, PARTICIPANT))
                .when(new WithdrawConsentCommand(AGGREGATE, SCHOOL, PARTICIPANT))
                .expectEvents(new ConsentWithdrawnEvent(SCHOOL, PARTICIPANT));
    }
}
