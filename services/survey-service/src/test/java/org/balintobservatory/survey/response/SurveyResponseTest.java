package org.balintobservatory.survey.response;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.ScoringMethod;
import org.balintobservatory.contract.survey.SurveyCompletedEvent;
import org.balintobservatory.contract.survey.SurveyRetractedEvent;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.survey.consent.InMemoryConsentRegister;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.balintobservatory.support.web.RuleMatchers.violates;

class SurveyResponseTest {

    private static final String SCHOOL = "uni-test";
    private static final String AGGREGATE = SCHOOL + "/r-001";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 4);

    private final InMemoryResponseSlots slots = new InMemoryResponseSlots();
    private final InMemoryConsentRegister consents = new InMemoryConsentRegister();
    private AggregateTestFixture<SurveyResponse> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SurveyResponse.class);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-03-04T18:00:00Z"), ZoneOffset.UTC));
        fixture.registerInjectableResource(slots);
        fixture.registerInjectableResource(consents);
    }

    @Test
    void cannotStoreANewResponseOfAParticipantWhoWithdrewConsent() {
        consents.record(SCHOOL, "p-001", true);
        fixture.givenNoPriorActivity()
                .when(submit("r-001", content("p-001", Timepoint.BASELINE, 80.0)))
                .expectNoEvents()
                .expectException(violates("participantId", "consent-withdrawn"));
        assertThat(slots.liveResponsesOf(SCHOOL, "p-001")).isEmpty();
    }

    @Test
    void storesANewResponseOnceConsentIsRenewed() {
        consents.record(SCHOOL, "p-001", true);
        consents.record(SCHOOL, "p-001", false);
        fixture.givenNoPriorActivity()
                .when(submit("r-001", content("p-001", Timepoint.BASELINE, 80.0)))
                .expectEvents(completed("r-001", content("p-001", Timepoint.BASELINE, 80.0)));
    }

    @Test
    void cannotMoveAResponseOntoAParticipantWhoWithdrewConsent() {
        consents.record(SCHOOL, "p-002", true);
        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 80.0))))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "fix-1", content("p-002", Timepoint.BASELINE, 80.0)))
                .expectNoEvents()
                .expectException(violates("participantId", "consent-withdrawn"));
    }

    @Test
    void storesACompletedResponse() {
        fixture.givenNoPriorActivity()
                .when(submit("r-001", content("p-001", Timepoint.BASELINE, 80.0)))
                .expectEvents(completed("r-001", content("p-001", Timepoint.BASELINE, 80.0)));
        assertThat(slots.liveResponsesOf(SCHOOL, "p-001")).containsExactly("r-001");
    }

    @Test
    void sendingTheSameResponseAgainChangesNothing() {
        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 80.0))))
                .when(submit("r-001", content("p-001", Timepoint.BASELINE, 80.0)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotStoreOtherContentUnderATakenResponseId() {
        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 80.0))))
                .when(submit("r-001", content("p-001", Timepoint.BASELINE, 90.0)))
                .expectNoEvents()
                .expectException(ConflictException.class)
                .expectExceptionMessage("response r-001 is stored with other content; send a correction to change it");
    }

    @Test
    void cannotCompleteAQuestionnaireInTheFuture() {
        ResponseContent tomorrow = content("p-001", Timepoint.BASELINE, 80.0, TODAY.plusDays(1));

        fixture.givenNoPriorActivity()
                .when(submit("r-001", tomorrow))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("completedOn 2026-03-05 is in the future");
        assertThat(slots.live).isEmpty();
    }

    @Test
    void aQuestionnaireCompletedTodayIsAccepted() {
        ResponseContent today = content("p-001", Timepoint.BASELINE, 80.0, TODAY);

        fixture.givenNoPriorActivity()
                .when(submit("r-001", today))
                .expectEvents(completed("r-001", today));
    }

    @Test
    void aQuestionnaireCompletedOnTheFirstDayOf1950IsAccepted() {
        ResponseContent first = content("p-001", Timepoint.BASELINE, 80.0, LocalDate.of(1950, 1, 1));

        fixture.givenNoPriorActivity()
                .when(submit("r-001", first))
                .expectEvents(completed("r-001", first));
    }

    @Test
    void cannotCompleteAQuestionnaireBefore1950() {
        ResponseContent tooEarly = content("p-001", Timepoint.BASELINE, 80.0, LocalDate.of(1949, 12, 31));

        fixture.givenNoPriorActivity()
                .when(submit("r-001", tooEarly))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectException(violates("completedOn", "not-before-1950"));
        assertThat(slots.live).isEmpty();
    }

    @Test
    void aCorrectionMayDateAQuestionnaireToday() {
        slots.claim(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.BASELINE);
        ResponseContent today = content("p-001", Timepoint.BASELINE, 20.0, TODAY);

        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001", today))
                .expectEvents(today.corrected(SCHOOL, "r-001", "c-001"));
    }

    @Test
    void aCorrectionCannotDateAQuestionnaireTomorrow() {
        slots.claim(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.BASELINE);

        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001",
                        content("p-001", Timepoint.BASELINE, 20.0, TODAY.plusDays(1))))
                .expectNoEvents()
                .expectException(violates("completedOn", "not-in-future"));
    }

    @Test
    void aCorrectionCannotDateAQuestionnaireBefore1950() {
        slots.claim(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.BASELINE);

        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001",
                        content("p-001", Timepoint.BASELINE, 20.0, LocalDate.of(1949, 12, 31))))
                .expectNoEvents()
                .expectException(violates("completedOn", "not-before-1950"));
    }

    @Test
    void aSecondResponseForTheSameParticipantInstrumentAndTimepointIsAConflict() {
        slots.claim(SCHOOL, "r-000", "p-001", "pss-10-style", Timepoint.BASELINE);

        fixture.givenNoPriorActivity()
                .when(submit("r-001", content("p-001", Timepoint.BASELINE, 20.0)))
                .expectNoEvents()
                .expectException(ConflictException.class)
                .expectExceptionMessage("participant p-001 already has response r-000 for pss-10-style at BASELINE; "
                        + "correct or retract that response instead");
    }

    @Test
    void anotherTimepointIsAnotherSlot() {
        slots.claim(SCHOOL, "r-000", "p-001", "pss-10-style", Timepoint.BASELINE);

        fixture.givenNoPriorActivity()
                .when(submit("r-001", content("p-001", Timepoint.POST, 20.0)))
                .expectEvents(completed("r-001", content("p-001", Timepoint.POST, 20.0)));
    }

    @Test
    void aCorrectionCarriesTheCompleteCorrectedState() {
        slots.claim(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.BASELINE);

        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001", content("p-001", Timepoint.BASELINE, 22.0)))
                .expectEvents(content("p-001", Timepoint.BASELINE, 22.0).corrected(SCHOOL, "r-001", "c-001"));
    }

    @Test
    void aCorrectionToAnotherTimepointMovesTheResponseToThatSlot() {
        slots.claim(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.BASELINE);

        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001", content("p-001", Timepoint.MID, 20.0)))
                .expectEvents(content("p-001", Timepoint.MID, 20.0).corrected(SCHOOL, "r-001", "c-001"));
        assertThat(slots.live.get(AGGREGATE).timepoint()).isEqualTo(Timepoint.MID);
    }

    @Test
    void cannotCorrectAResponseIntoASlotAnotherResponseHolds() {
        slots.claim(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.BASELINE);
        slots.claim(SCHOOL, "r-002", "p-001", "pss-10-style", Timepoint.POST);

        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001", content("p-001", Timepoint.POST, 20.0)))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void sendingTheSameCorrectionAgainChangesNothing() {
        ResponseContent corrected = content("p-001", Timepoint.BASELINE, 22.0);

        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))),
                        stored(1, corrected.corrected(SCHOOL, "r-001", "c-001")))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001", corrected))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotReuseACorrectionIdForOtherContent() {
        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))),
                        stored(1, content("p-001", Timepoint.BASELINE, 22.0).corrected(SCHOOL, "r-001", "c-001")))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001", content("p-001", Timepoint.BASELINE, 24.0)))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void cannotCorrectARetractedResponse() {
        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))),
                        stored(1, retracted(RetractionReason.ENTERED_IN_ERROR)))
                .when(new CorrectSurveyResponseCommand(AGGREGATE, "c-001", content("p-001", Timepoint.BASELINE, 22.0)))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("response r-001 was retracted (ENTERED_IN_ERROR) and cannot be corrected");
    }

    @Test
    void retractingAResponseFreesItsSlot() {
        slots.claim(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.BASELINE);

        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))))
                .when(new RetractSurveyResponseCommand(AGGREGATE, RetractionReason.CONSENT_WITHDRAWN))
                .expectEvents(retracted(RetractionReason.CONSENT_WITHDRAWN));
        assertThat(slots.live).isEmpty();
    }

    @Test
    void aRetractionNamesTheCorrectedSlot() {
        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))),
                        stored(1, content("p-001", Timepoint.MID, 20.0).corrected(SCHOOL, "r-001", "c-001")))
                .when(new RetractSurveyResponseCommand(AGGREGATE, RetractionReason.ENTERED_IN_ERROR))
                .expectEvents(new SurveyRetractedEvent(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.MID,
                        RetractionReason.ENTERED_IN_ERROR));
    }

    @Test
    void retractingARetractedResponseChangesNothing() {
        fixture.given(stored(0, completed("r-001", content("p-001", Timepoint.BASELINE, 20.0))),
                        stored(1, retracted(RetractionReason.ENTERED_IN_ERROR)))
                .when(new RetractSurveyResponseCommand(AGGREGATE, RetractionReason.CONSENT_WITHDRAWN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static SubmitSurveyResponseCommand submit(String responseId, ResponseContent content) {
        return new SubmitSurveyResponseCommand(SCHOOL + "/" + responseId, SCHOOL, responseId, content);
    }

    private static SurveyCompletedEvent completed(String responseId, ResponseContent content) {
        return content.completed(SCHOOL, responseId);
    }

    private static SurveyRetractedEvent retracted(RetractionReason reason) {
        return new SurveyRetractedEvent(SCHOOL, "r-001", "p-001", "pss-10-style", Timepoint.BASELINE, reason);
    }

    private static GenericDomainEventMessage<Object> stored(long sequence, Object event) {
        return new GenericDomainEventMessage<>("SurveyResponse", AGGREGATE, sequence, event);
    }

    private static ResponseContent content(String participant, Timepoint timepoint, double total) {
        return content(participant, timepoint, total, LocalDate.of(2026, 1, 12));
    }

    /** A perceived-stress response reported as scores only, which keeps the fixtures short. */
    private static ResponseContent content(String participant, Timepoint timepoint, double total, LocalDate on) {
        return new ResponseContent(participant, "gp-2026", null, "pss-10-style", 1, timepoint, on, null,
                List.of(new ScaleScore("total", total, ScaleDirection.LOWER_IS_BETTER, null, false)),
                ScoringMethod.REPORTED_SCORES, false);
    }
}
