package org.balintobservatory.group.group;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.CasePresentedEvent;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupDesignChangedEvent;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.ParticipantWithdrewEvent;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.contract.group.SessionCorrectedEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.balintobservatory.contract.group.SessionVoidedEvent;
import org.balintobservatory.contract.group.VoidReason;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.balintobservatory.contract.group.AttendanceStatus.ABSENT;
import static org.balintobservatory.contract.group.AttendanceStatus.EXCUSED;
import static org.balintobservatory.contract.group.AttendanceStatus.PRESENT;
import static org.balintobservatory.support.web.RuleMatchers.conflictStoring;
import static org.balintobservatory.support.web.RuleMatchers.violates;

class BalintGroupTest {

    private static final String INSTITUTION = "uni-lyon";
    private static final String GROUP = "g-tuesday";
    private static final String AGGREGATE = INSTITUTION + "/" + GROUP;
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final LocalDate PROGRAMME_STARTS = LocalDate.of(2026, 1, 5);
    private static final LocalDate FORMED = LocalDate.of(2026, 1, 12);
    private static final LocalDate ENROLLED = LocalDate.of(2026, 1, 12);
    private static final LocalDate HELD = LocalDate.of(2026, 3, 3);
    private static final LocalDate FIRST_ACCEPTED = LocalDate.of(1950, 1, 1);
    private static final LocalDate LAST_REFUSED = LocalDate.of(1949, 12, 31);

    private static final GroupDesign DESIGN = design(10, 1, List.of(LeaderBackground.GP));
    private static final GroupDesign CO_LED = design(10, 2, List.of(LeaderBackground.GP, LeaderBackground.PSYCHIATRIST));
    private static final GroupFormedEvent FORMED_EVENT = new GroupFormedEvent(INSTITUTION, GROUP, "prog-2026", DESIGN, FORMED);
    private static final ParticipantEnrolledEvent ANNA = enrolled("p-7f3a9c", ENROLLED);
    private static final ParticipantEnrolledEvent BORIS = enrolled("p-1b22e0", ENROLLED);

    private AggregateTestFixture<BalintGroup> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BalintGroup.class);
        fixture.registerInjectableResource(Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static GroupDesign design(int plannedSize, int leaders, List<LeaderBackground> backgrounds) {
        return new GroupDesign(plannedSize, MeetingFrequency.FORTNIGHTLY, 90, SessionFormat.IN_PERSON,
                new Facilitation(FacilitationStyle.CLASSIC_BALINT, leaders, backgrounds, true));
    }

    private static ParticipantEnrolledEvent enrolled(String participantId, LocalDate on) {
        return new ParticipantEnrolledEvent(INSTITUTION, GROUP, participantId, on);
    }

    private static FormGroupCommand form(GroupDesign design) {
        return form(FORMED, design);
    }

    private static FormGroupCommand form(LocalDate formedOn, GroupDesign design) {
        return new FormGroupCommand(AGGREGATE, INSTITUTION, GROUP, "prog-2026", design, formedOn);
    }

    private static GroupFormedEvent formedOn(LocalDate formedOn) {
        return new GroupFormedEvent(INSTITUTION, GROUP, "prog-2026", DESIGN, formedOn);
    }

    private static PresentedCase aCase(String caseId, String presenter, List<CaseTheme> themes, Integer intensity) {
        return new PresentedCase(caseId, presenter, themes, intensity);
    }

    private static final PresentedCase CASE = aCase("c-1", "p-7f3a9c", List.of(CaseTheme.DIFFICULT_PATIENT), 3);

    private static RecordSessionCommand session(String sessionId, LocalDate heldOn, List<AttendanceEntry> attendance,
                                                List<PresentedCase> cases) {
        return new RecordSessionCommand(AGGREGATE, sessionId, heldOn, 90, SessionFormat.IN_PERSON, 1, attendance,
                cases, PROGRAMME_STARTS);
    }

    private static RecordSessionCommand session(List<AttendanceEntry> attendance, List<PresentedCase> cases) {
        return session("s-1", HELD, attendance, cases);
    }

    private static List<AttendanceEntry> bothPresent() {
        return List.of(new AttendanceEntry("p-7f3a9c", PRESENT), new AttendanceEntry("p-1b22e0", PRESENT));
    }

    private static Object[] heldEvents(String sessionId, LocalDate heldOn, List<AttendanceEntry> attendance,
                                       List<PresentedCase> cases) {
        Object[] events = new Object[1 + attendance.size() + cases.size()];
        events[0] = new SessionHeldEvent(INSTITUTION, GROUP, sessionId, heldOn, 90, SessionFormat.IN_PERSON, 1,
                attendance.size(), cases.size());
        for (int i = 0; i < attendance.size(); i++) {
            events[1 + i] = new AttendanceRecordedEvent(INSTITUTION, GROUP, sessionId, heldOn,
                    attendance.get(i).participantId(), attendance.get(i).status());
        }
        for (int i = 0; i < cases.size(); i++) {
            PresentedCase c = cases.get(i);
            events[1 + attendance.size() + i] = new CasePresentedEvent(INSTITUTION, GROUP, sessionId, heldOn,
                    c.caseId(), c.presenterId(), c.themes(), c.emotionalIntensity());
        }
        return events;
    }

    private static List<Object> history(Object... more) {
        List<Object> events = new java.util.ArrayList<>(List.of(FORMED_EVENT, ANNA, BORIS));
        events.addAll(List.of(more));
        return events;
    }

    @Nested
    class Formation {

        @Test
        void formingAGroupRecordsItsDeclaredDesign() {
            fixture.givenNoPriorActivity().when(form(DESIGN)).expectEvents(FORMED_EVENT);
        }

        @Test
        void formingTheSameGroupAgainChangesNothing() {
            fixture.given(FORMED_EVENT).when(form(DESIGN)).expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void formingAGroupUnderATakenIdWithAnotherDesignIsAConflict() {
            fixture.given(FORMED_EVENT).when(form(CO_LED)).expectNoEvents()
                    .expectException(ConflictException.class)
                    .expectException(conflictStoring("design", DESIGN));
        }

        @Test
        void cannotFormAGroupPlannedForMoreThanThirtyMembers() {
            fixture.givenNoPriorActivity().when(form(design(31, 1, List.of(LeaderBackground.GP)))).expectNoEvents()
                    .expectException(violates("design.plannedSize", "planned-size-range"));
        }

        @Test
        void cannotFormAGroupOfOne() {
            fixture.givenNoPriorActivity().when(form(design(1, 1, List.of(LeaderBackground.GP)))).expectNoEvents()
                    .expectException(violates("design.plannedSize", "planned-size-range"));
        }

        @Test
        void cannotFormAGroupWhoseSessionsLastUnderFifteenMinutes() {
            GroupDesign short_ = new GroupDesign(8, MeetingFrequency.WEEKLY, 10, SessionFormat.VIRTUAL,
                    DESIGN.facilitation());
            fixture.givenNoPriorActivity().when(form(short_)).expectNoEvents()
                    .expectException(violates("design.sessionMinutes", "session-minutes-range"));
        }

        @Test
        void cannotFormAGroupWithThreeLeaders() {
            fixture.givenNoPriorActivity()
                    .when(form(design(8, 3, List.of(LeaderBackground.GP, LeaderBackground.GP, LeaderBackground.OTHER))))
                    .expectNoEvents()
                    .expectException(violates("design.facilitation.leaders", "leaders-range"));
        }

        @Test
        void cannotFormACoLedGroupWithOneLeaderBackground() {
            fixture.givenNoPriorActivity().when(form(design(8, 2, List.of(LeaderBackground.GP)))).expectNoEvents()
                    .expectException(violates("design.facilitation.leaderBackgrounds", "one-background-per-leader"));
        }

        @Test
        void aProgrammesStreamIsNeverLoadedAsAGroup() {
            fixture.given(new ProgrammeRegisteredEvent(INSTITUTION, GROUP, "Residents", ParticipantType.RESIDENT,
                            Arm.INTERVENTION, "FR", PROGRAMME_STARTS, null))
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", ENROLLED))
                    .expectNoEvents()
                    .expectException(IncompatibleAggregateException.class);
        }

        @Test
        void aGroupFormedTodayIsAccepted() {
            fixture.givenNoPriorActivity().when(form(TODAY, DESIGN)).expectEvents(formedOn(TODAY));
        }

        @Test
        void cannotFormAGroupTomorrow() {
            fixture.givenNoPriorActivity().when(form(TODAY.plusDays(1), DESIGN)).expectNoEvents()
                    .expectException(violates("formedOn", "not-in-future"));
        }

        @Test
        void aGroupFormedOnTheFirstDayOf1950IsAccepted() {
            fixture.givenNoPriorActivity().when(form(FIRST_ACCEPTED, DESIGN)).expectEvents(formedOn(FIRST_ACCEPTED));
        }

        @Test
        void cannotFormAGroupBefore1950() {
            fixture.givenNoPriorActivity().when(form(LAST_REFUSED, DESIGN)).expectNoEvents()
                    .expectException(violates("formedOn", "not-before-1950"));
        }

        @Test
        void cannotFormAGroupWithoutAFacilitationStyle() {
            GroupDesign noStyle = new GroupDesign(8, MeetingFrequency.WEEKLY, 90, SessionFormat.VIRTUAL,
                    new Facilitation(null, 1, List.of(LeaderBackground.GP), false));
            fixture.givenNoPriorActivity().when(form(noStyle)).expectNoEvents()
                    .expectException(violates("design", "design-complete"));
        }
    }

    @Nested
    class DesignChanges {

        private final LocalDate from = LocalDate.of(2026, 2, 1);

        @Test
        void changingTheDesignRecordsTheDayItTakesEffect() {
            fixture.given(FORMED_EVENT)
                    .when(new ChangeGroupDesignCommand(AGGREGATE, CO_LED, from))
                    .expectEvents(new GroupDesignChangedEvent(INSTITUTION, GROUP, CO_LED, from));
        }

        @Test
        void repeatingADesignChangeChangesNothing() {
            fixture.given(FORMED_EVENT, new GroupDesignChangedEvent(INSTITUTION, GROUP, CO_LED, from))
                    .when(new ChangeGroupDesignCommand(AGGREGATE, CO_LED, from))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void anotherDesignChangeOnTheSameDayIsAConflict() {
            fixture.given(FORMED_EVENT, new GroupDesignChangedEvent(INSTITUTION, GROUP, CO_LED, from))
                    .when(new ChangeGroupDesignCommand(AGGREGATE, design(12, 1, List.of(LeaderBackground.OTHER)), from))
                    .expectNoEvents()
                    .expectException(conflictStoring("design", CO_LED));
        }

        @Test
        void cannotChangeTheDesignBeforeTheGroupWasFormed() {
            fixture.given(FORMED_EVENT)
                    .when(new ChangeGroupDesignCommand(AGGREGATE, CO_LED, FORMED.minusDays(1)))
                    .expectNoEvents()
                    .expectException(violates("effectiveFrom", "effective-not-before-formed"));
        }

        @Test
        void cannotChangeTheDesignBeforeAnEarlierChangeTakesEffect() {
            fixture.given(FORMED_EVENT, new GroupDesignChangedEvent(INSTITUTION, GROUP, CO_LED, from))
                    .when(new ChangeGroupDesignCommand(AGGREGATE, DESIGN, from.minusDays(3)))
                    .expectNoEvents()
                    .expectException(violates("effectiveFrom", "design-changes-in-order"));
        }

        @Test
        void cannotChangeToTheDesignAlreadyInForce() {
            fixture.given(FORMED_EVENT)
                    .when(new ChangeGroupDesignCommand(AGGREGATE, DESIGN, from))
                    .expectNoEvents()
                    .expectException(violates("design", "design-differs"));
        }

        @Test
        void aDesignChangeTakingEffectTodayIsAccepted() {
            fixture.given(FORMED_EVENT)
                    .when(new ChangeGroupDesignCommand(AGGREGATE, CO_LED, TODAY))
                    .expectEvents(new GroupDesignChangedEvent(INSTITUTION, GROUP, CO_LED, TODAY));
        }

        @Test
        void cannotChangeTheDesignFromTomorrow() {
            fixture.given(FORMED_EVENT)
                    .when(new ChangeGroupDesignCommand(AGGREGATE, CO_LED, TODAY.plusDays(1)))
                    .expectNoEvents()
                    .expectException(violates("effectiveFrom", "not-in-future"));
        }

        @Test
        void aDesignChangeTakingEffectOnTheFirstDayOf1950IsAccepted() {
            fixture.given(formedOn(FIRST_ACCEPTED))
                    .when(new ChangeGroupDesignCommand(AGGREGATE, CO_LED, FIRST_ACCEPTED))
                    .expectEvents(new GroupDesignChangedEvent(INSTITUTION, GROUP, CO_LED, FIRST_ACCEPTED));
        }

        @Test
        void cannotChangeTheDesignFromBefore1950() {
            fixture.given(formedOn(FIRST_ACCEPTED))
                    .when(new ChangeGroupDesignCommand(AGGREGATE, CO_LED, LAST_REFUSED))
                    .expectNoEvents()
                    .expectException(violates("effectiveFrom", "not-before-1950"));
        }

        @Test
        void aChangedDesignObeysTheDesignRules() {
            fixture.given(FORMED_EVENT)
                    .when(new ChangeGroupDesignCommand(AGGREGATE, design(40, 1, List.of(LeaderBackground.GP)), from))
                    .expectNoEvents()
                    .expectException(violates("design.plannedSize", "planned-size-range"));
        }
    }

    @Nested
    class Membership {

        @Test
        void enrollingAParticipantRecordsTheDay() {
            fixture.given(FORMED_EVENT)
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", ENROLLED))
                    .expectEvents(ANNA);
        }

        @Test
        void enrollingAMemberAgainOnTheSameDayChangesNothing() {
            fixture.given(FORMED_EVENT, ANNA)
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", ENROLLED))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void enrollingAMemberAgainOnAnotherDayIsAConflict() {
            fixture.given(FORMED_EVENT, ANNA)
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", ENROLLED.plusDays(1)))
                    .expectNoEvents()
                    .expectException(conflictStoring("enrolledOn", ENROLLED));
        }

        @Test
        void aParticipantEnrolledTodayIsAccepted() {
            fixture.given(FORMED_EVENT)
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", TODAY))
                    .expectEvents(enrolled("p-7f3a9c", TODAY));
        }

        @Test
        void cannotEnrolAParticipantFromTomorrow() {
            fixture.given(FORMED_EVENT)
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", TODAY.plusDays(1)))
                    .expectNoEvents()
                    .expectException(violates("enrolledOn", "not-in-future"));
        }

        @Test
        void aFormerMemberCannotRejoinTomorrow() {
            fixture.given(FORMED_EVENT, ANNA, new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", HELD))
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", TODAY.plusDays(1)))
                    .expectNoEvents()
                    .expectException(violates("enrolledOn", "not-in-future"));
        }

        @Test
        void aParticipantEnrolledOnTheFirstDayOf1950IsAccepted() {
            fixture.given(formedOn(FIRST_ACCEPTED))
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", FIRST_ACCEPTED))
                    .expectEvents(enrolled("p-7f3a9c", FIRST_ACCEPTED));
        }

        @Test
        void cannotEnrolAParticipantBefore1950() {
            fixture.given(formedOn(FIRST_ACCEPTED))
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", LAST_REFUSED))
                    .expectNoEvents()
                    .expectException(violates("enrolledOn", "not-before-1950"));
        }

        @Test
        void cannotEnrolAParticipantUnderAnEmailAddress() {
            fixture.given(FORMED_EVENT)
                    .when(new EnrolParticipantCommand(AGGREGATE, "anna.meyer.gmail.com", ENROLLED))
                    .expectNoEvents()
                    .expectException(violates("participantId", "not-an-email-address"));
        }

        @Test
        void cannotEnrolAParticipantUnderAPhoneNumber() {
            fixture.given(FORMED_EVENT)
                    .when(new EnrolParticipantCommand(AGGREGATE, "06-12-34-56-78", ENROLLED))
                    .expectNoEvents()
                    .expectException(violates("participantId", "not-a-phone-number"));
        }

        @Test
        void cannotEnrolAParticipantUnderAPersonalName() {
            fixture.given(FORMED_EVENT)
                    .when(new EnrolParticipantCommand(AGGREGATE, "John.Smith", ENROLLED))
                    .expectNoEvents()
                    .expectException(violates("participantId", "not-a-personal-name"));
        }

        @Test
        void aFormerMemberCanRejoinAfterTheDayTheyWithdrew() {
            LocalDate left = LocalDate.of(2026, 2, 1);
            fixture.given(FORMED_EVENT, ANNA, new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", left))
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", left.plusDays(1)))
                    .expectEvents(enrolled("p-7f3a9c", left.plusDays(1)));
        }

        @Test
        void aFormerMemberCannotRejoinOnOrBeforeTheDayTheyWithdrew() {
            LocalDate left = LocalDate.of(2026, 2, 1);
            fixture.given(FORMED_EVENT, ANNA, new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", left))
                    .when(new EnrolParticipantCommand(AGGREGATE, "p-7f3a9c", left))
                    .expectNoEvents()
                    .expectException(violates("enrolledOn", "rejoin-after-withdrawal"));
        }

        @Test
        void withdrawingAMemberRecordsTheDay() {
            fixture.given(FORMED_EVENT, ANNA)
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", HELD))
                    .expectEvents(new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", HELD));
        }

        @Test
        void withdrawingAgainOnTheSameDayChangesNothing() {
            fixture.given(FORMED_EVENT, ANNA, new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", HELD))
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", HELD))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void withdrawingAgainOnAnotherDayIsAConflict() {
            fixture.given(FORMED_EVENT, ANNA, new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", HELD))
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", HELD.minusDays(1)))
                    .expectNoEvents()
                    .expectException(conflictStoring("withdrewOn", HELD));
        }

        @Test
        void cannotWithdrawSomeoneWhoWasNeverAMember() {
            fixture.given(FORMED_EVENT)
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-unknown", HELD))
                    .expectNoEvents()
                    .expectException(violates("participantId", "withdrawer-is-member"));
        }

        @Test
        void cannotWithdrawBeforeEnrolling() {
            fixture.given(FORMED_EVENT, ANNA)
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", ENROLLED.minusDays(1)))
                    .expectNoEvents()
                    .expectException(violates("withdrewOn", "withdraw-after-enrolment"));
        }

        @Test
        void cannotWithdrawInTheFuture() {
            fixture.given(FORMED_EVENT, ANNA)
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", TODAY.plusDays(1)))
                    .expectNoEvents()
                    .expectException(violates("withdrewOn", "not-in-future"));
        }

        @Test
        void aMemberWhoWithdrewTodayIsAccepted() {
            fixture.given(FORMED_EVENT, ANNA)
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", TODAY))
                    .expectEvents(new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", TODAY));
        }

        @Test
        void aMemberWhoWithdrewOnTheFirstDayOf1950IsAccepted() {
            fixture.given(formedOn(FIRST_ACCEPTED), enrolled("p-7f3a9c", FIRST_ACCEPTED))
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", FIRST_ACCEPTED))
                    .expectEvents(new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", FIRST_ACCEPTED));
        }

        @Test
        void cannotWithdrawBefore1950() {
            fixture.given(formedOn(FIRST_ACCEPTED), enrolled("p-7f3a9c", FIRST_ACCEPTED))
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", LAST_REFUSED))
                    .expectNoEvents()
                    .expectException(violates("withdrewOn", "not-before-1950"));
        }

        @Test
        void cannotWithdrawBeforeASessionTheMemberWasPresentAt() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", HELD.minusDays(1)))
                    .expectNoEvents()
                    .expectException(violates("withdrewOn", "present-after-withdrawal"));
        }

        @Test
        void aMemberWhoWithdrewIsNotExpectedAtLaterSessions() {
            List<AttendanceEntry> onlyBoris = List.of(new AttendanceEntry("p-1b22e0", PRESENT));
            fixture.given(history(new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", HELD.minusDays(1))))
                    .when(session(onlyBoris, List.of()))
                    .expectEvents(heldEvents("s-1", HELD, onlyBoris, List.of()));
        }

        @Test
        void aMemberIsStillExpectedOnTheDayTheyWithdrew() {
            List<AttendanceEntry> onlyBoris = List.of(new AttendanceEntry("p-1b22e0", PRESENT));
            fixture.given(history(new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", HELD)))
                    .when(session(onlyBoris, List.of()))
                    .expectNoEvents()
                    .expectException(violates("attendance", "attendance-complete"));
        }
    }

    @Nested
    class Sessions {

        @Test
        void recordingASessionPublishesTheSessionThenOneEventPerAttendeeAndPerCase() {
            fixture.given(history())
                    .when(session(bothPresent(), List.of(CASE)))
                    .expectEvents(heldEvents("s-1", HELD, bothPresent(), List.of(CASE)));
        }

        @Test
        void recordingTheSameSessionAgainInAnotherOrderChangesNothing() {
            List<AttendanceEntry> reversed = List.of(bothPresent().get(1), bothPresent().get(0));
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of(CASE))))
                    .when(session(reversed, List.of(CASE)))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void recordingOtherDetailsUnderATakenSessionIdIsAConflict() {
            List<AttendanceEntry> borisAbsent = List.of(new AttendanceEntry("p-7f3a9c", PRESENT),
                    new AttendanceEntry("p-1b22e0", ABSENT));
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of(CASE))))
                    .when(session(borisAbsent, List.of(CASE)))
                    .expectNoEvents()
                    .expectException(conflictStoring("heldOn", HELD));
        }

        @Test
        void cannotRecordASessionInTheFuture() {
            fixture.given(history())
                    .when(session("s-1", TODAY.plusDays(1), bothPresent(), List.of()))
                    .expectNoEvents()
                    .expectException(violates("heldOn", "not-in-future"));
        }

        @Test
        void aSessionHeldTodayIsAccepted() {
            fixture.given(history())
                    .when(session("s-1", TODAY, bothPresent(), List.of()))
                    .expectEvents(heldEvents("s-1", TODAY, bothPresent(), List.of()));
        }

        @Test
        void aSessionHeldOnTheFirstDayOf1950IsAccepted() {
            fixture.given(formedOn(FIRST_ACCEPTED))
                    .when(new RecordSessionCommand(AGGREGATE, "s-1", FIRST_ACCEPTED, 90, SessionFormat.IN_PERSON, 1,
                            List.of(), List.of(), FIRST_ACCEPTED))
                    .expectEvents(heldEvents("s-1", FIRST_ACCEPTED, List.of(), List.of()));
        }

        @Test
        void cannotRecordASessionBefore1950() {
            fixture.given(formedOn(FIRST_ACCEPTED))
                    .when(new RecordSessionCommand(AGGREGATE, "s-1", LAST_REFUSED, 90, SessionFormat.IN_PERSON, 1,
                            List.of(), List.of(), null))
                    .expectNoEvents()
                    .expectException(violates("heldOn", "not-before-1950"));
        }

        @Test
        void cannotRecordASessionBeforeTheProgrammeStarts() {
            fixture.given(FORMED_EVENT)
                    .when(new RecordSessionCommand(AGGREGATE, "s-1", FORMED, 90, SessionFormat.IN_PERSON, 1,
                            List.of(), List.of(), FORMED.plusDays(1)))
                    .expectNoEvents()
                    .expectException(violates("heldOn", "not-before-programme-start"));
        }

        @Test
        void cannotRecordASessionBeforeTheGroupWasFormed() {
            fixture.given(FORMED_EVENT)
                    .when(session("s-1", FORMED.minusDays(1), List.of(), List.of()))
                    .expectNoEvents()
                    .expectException(violates("heldOn", "not-before-formed"));
        }

        @Test
        void cannotRecordASessionLongerThanEightHours() {
            fixture.given(history())
                    .when(new RecordSessionCommand(AGGREGATE, "s-1", HELD, 481, SessionFormat.IN_PERSON, 1,
                            bothPresent(), List.of(), PROGRAMME_STARTS))
                    .expectNoEvents()
                    .expectException(violates("durationMinutes", "duration-range"));
        }

        @Test
        void cannotRecordMoreThanTwoLeadersPresent() {
            fixture.given(history())
                    .when(new RecordSessionCommand(AGGREGATE, "s-1", HELD, 90, SessionFormat.IN_PERSON, 3,
                            bothPresent(), List.of(), PROGRAMME_STARTS))
                    .expectNoEvents()
                    .expectException(violates("leadersPresent", "leaders-present-range"));
        }

        @Test
        void cannotRecordAttendanceForNonMember() {
            List<AttendanceEntry> withStranger = List.of(bothPresent().get(0), bothPresent().get(1),
                    new AttendanceEntry("p-stranger", PRESENT));
            fixture.given(history())
                    .when(session(withStranger, List.of()))
                    .expectNoEvents()
                    .expectException(violates("attendance[2].participantId", "attendee-is-member"));
        }

        @Test
        void cannotRecordAttendanceForSomeoneEnrolledAfterTheSession() {
            List<AttendanceEntry> withLateJoiner = List.of(bothPresent().get(0), bothPresent().get(1),
                    new AttendanceEntry("p-late01", PRESENT));
            fixture.given(history(enrolled("p-late01", HELD.plusDays(1))))
                    .when(session(withLateJoiner, List.of()))
                    .expectNoEvents()
                    .expectException(violates("attendance[2].participantId", "attendee-is-member"));
        }

        @Test
        void cannotListAMemberTwice() {
            List<AttendanceEntry> twice = List.of(bothPresent().get(0), bothPresent().get(1),
                    new AttendanceEntry("p-7f3a9c", EXCUSED));
            fixture.given(history())
                    .when(session(twice, List.of()))
                    .expectNoEvents()
                    .expectException(violates("attendance[2].participantId", "attendance-once"));
        }

        @Test
        void cannotLeaveOutAMemberEnrolledOnTheSessionsDate() {
            fixture.given(history())
                    .when(session(List.of(new AttendanceEntry("p-7f3a9c", PRESENT)), List.of()))
                    .expectNoEvents()
                    .expectException(violates("attendance", "attendance-complete"));
        }

        @Test
        void cannotPresentACaseByAMemberWhoWasNotPresent() {
            List<AttendanceEntry> annaExcused = List.of(new AttendanceEntry("p-7f3a9c", EXCUSED),
                    new AttendanceEntry("p-1b22e0", PRESENT));
            fixture.given(history())
                    .when(session(annaExcused, List.of(CASE)))
                    .expectNoEvents()
                    .expectException(violates("cases[0].presenterId", "presenter-present"));
        }

        @Test
        void cannotReuseTheIdOfACaseFromAnotherSession() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of(CASE))))
                    .when(session("s-2", HELD.plusDays(1), bothPresent(), List.of(CASE)))
                    .expectNoEvents()
                    .expectException(violates("cases[0].caseId", "case-id-unique"));
        }

        @Test
        void cannotPresentTwoCasesUnderOneId() {
            fixture.given(history())
                    .when(session(bothPresent(), List.of(CASE, aCase("c-1", "p-1b22e0", List.of(CaseTheme.OTHER), null))))
                    .expectNoEvents()
                    .expectException(violates("cases[1].caseId", "case-id-unique"));
        }

        @Test
        void cannotPresentACaseWithoutThemes() {
            fixture.given(history())
                    .when(session(bothPresent(), List.of(aCase("c-1", "p-7f3a9c", List.of(), null))))
                    .expectNoEvents()
                    .expectException(violates("cases[0].themes", "themes-count"));
        }

        @Test
        void cannotPresentACaseWithMoreThanFiveThemes() {
            List<CaseTheme> six = List.of(CaseTheme.END_OF_LIFE, CaseTheme.BOUNDARIES, CaseTheme.AGGRESSION,
                    CaseTheme.UNCERTAINTY, CaseTheme.MENTAL_HEALTH, CaseTheme.OTHER);
            fixture.given(history())
                    .when(session(bothPresent(), List.of(aCase("c-1", "p-7f3a9c", six, null))))
                    .expectNoEvents()
                    .expectException(violates("cases[0].themes", "themes-count"));
        }

        @Test
        void cannotListACaseThemeTwice() {
            fixture.given(history())
                    .when(session(bothPresent(), List.of(aCase("c-1", "p-7f3a9c",
                            List.of(CaseTheme.BOUNDARIES, CaseTheme.BOUNDARIES), null))))
                    .expectNoEvents()
                    .expectException(violates("cases[0].themes", "themes-once"));
        }

        @Test
        void cannotRateEmotionalIntensityAboveFive() {
            fixture.given(history())
                    .when(session(bothPresent(), List.of(aCase("c-1", "p-7f3a9c", List.of(CaseTheme.OTHER), 6))))
                    .expectNoEvents()
                    .expectException(violates("cases[0].emotionalIntensity", "emotional-intensity-range"));
        }

        @Test
        void aCaseMayLeaveEmotionalIntensityOut() {
            PresentedCase unrated = aCase("c-1", "p-7f3a9c", List.of(CaseTheme.END_OF_LIFE), null);
            fixture.given(history())
                    .when(session(bothPresent(), List.of(unrated)))
                    .expectEvents(heldEvents("s-1", HELD, bothPresent(), List.of(unrated)));
        }
    }

    @Nested
    class Corrections {

        private final List<AttendanceEntry> borisExcused = List.of(new AttendanceEntry("p-7f3a9c", PRESENT),
                new AttendanceEntry("p-1b22e0", EXCUSED));

        private CorrectSessionCommand correct(String correctionId, LocalDate heldOn, List<AttendanceEntry> attendance,
                                              List<PresentedCase> cases) {
            return new CorrectSessionCommand(AGGREGATE, "s-1", correctionId, heldOn, 75, SessionFormat.VIRTUAL, 1,
                    attendance, cases, PROGRAMME_STARTS);
        }

        private SessionCorrectedEvent corrected(String correctionId) {
            return new SessionCorrectedEvent(INSTITUTION, GROUP, "s-1", correctionId, HELD, 75, SessionFormat.VIRTUAL,
                    1, borisExcused, List.of(CASE));
        }

        @Test
        void correctingASessionPublishesItsCompleteCorrectedState() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of(CASE))))
                    .when(correct("fix-1", HELD, borisExcused, List.of(CASE)))
                    .expectEvents(corrected("fix-1"));
        }

        @Test
        void repeatingACorrectionChangesNothing() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of(CASE))))
                    .andGiven(corrected("fix-1"))
                    .when(correct("fix-1", HELD, borisExcused, List.of(CASE)))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void reusingACorrectionIdWithOtherDetailsIsAConflict() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of(CASE))))
                    .andGiven(corrected("fix-1"))
                    .when(correct("fix-1", HELD, bothPresent(), List.of(CASE)))
                    .expectNoEvents()
                    .expectException(conflictStoring("correctionId", "fix-1"));
        }

        @Test
        void retryingTheOriginalRecordingAfterACorrectionChangesNothing() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of(CASE))))
                    .andGiven(corrected("fix-1"))
                    .when(session(bothPresent(), List.of(CASE)))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void cannotCorrectASessionThatWasNeverRecorded() {
            fixture.given(history())
                    .when(correct("fix-1", HELD, borisExcused, List.of()))
                    .expectNoEvents()
                    .expectException(NotFoundException.class);
        }

        @Test
        void cannotCorrectAVoidedSession() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .andGiven(new SessionVoidedEvent(INSTITUTION, GROUP, "s-1", VoidReason.DUPLICATE_ENTRY))
                    .when(correct("fix-1", HELD, borisExcused, List.of()))
                    .expectNoEvents()
                    .expectException(violates("sessionId", "session-not-voided"));
        }

        @Test
        void aCorrectionObeysTheSessionRules() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .when(correct("fix-1", HELD, List.of(new AttendanceEntry("p-7f3a9c", PRESENT)), List.of()))
                    .expectNoEvents()
                    .expectException(violates("attendance", "attendance-complete"));
        }

        @Test
        void aCorrectionCannotMoveASessionIntoTheFuture() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .when(correct("fix-1", TODAY.plusDays(2), bothPresent(), List.of()))
                    .expectNoEvents()
                    .expectException(violates("heldOn", "not-in-future"));
        }

        @Test
        void aCorrectionMayMoveASessionToToday() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .when(correct("fix-1", TODAY, bothPresent(), List.of()))
                    .expectEvents(new SessionCorrectedEvent(INSTITUTION, GROUP, "s-1", "fix-1", TODAY, 75,
                            SessionFormat.VIRTUAL, 1, bothPresent(), List.of()));
        }

        @Test
        void aCorrectionCannotMoveASessionToTomorrow() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .when(correct("fix-1", TODAY.plusDays(1), bothPresent(), List.of()))
                    .expectNoEvents()
                    .expectException(violates("heldOn", "not-in-future"));
        }

        @Test
        void aCorrectionCannotMoveASessionBefore1950() {
            fixture.given(formedOn(FIRST_ACCEPTED), enrolled("p-7f3a9c", FIRST_ACCEPTED))
                    .andGiven(heldEvents("s-1", FIRST_ACCEPTED, List.of(new AttendanceEntry("p-7f3a9c", PRESENT)),
                            List.of()))
                    .when(new CorrectSessionCommand(AGGREGATE, "s-1", "fix-1", LAST_REFUSED, 75, SessionFormat.VIRTUAL,
                            1, List.of(new AttendanceEntry("p-7f3a9c", PRESENT)), List.of(), null))
                    .expectNoEvents()
                    .expectException(violates("heldOn", "not-before-1950"));
        }

        @Test
        void cannotCorrectACaseToBePresentedByAnAbsentMember() {
            List<AttendanceEntry> annaAbsent = List.of(new AttendanceEntry("p-7f3a9c", ABSENT),
                    new AttendanceEntry("p-1b22e0", PRESENT));
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of(CASE))))
                    .when(correct("fix-1", HELD, annaAbsent, List.of(CASE)))
                    .expectNoEvents()
                    .expectException(violates("cases[0].presenterId", "presenter-present"));
        }
    }

    @Nested
    class Voiding {

        @Test
        void voidingASessionPublishesWhy() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .when(new VoidSessionCommand(AGGREGATE, "s-1", VoidReason.DID_NOT_TAKE_PLACE))
                    .expectEvents(new SessionVoidedEvent(INSTITUTION, GROUP, "s-1", VoidReason.DID_NOT_TAKE_PLACE));
        }

        @Test
        void voidingAgainForTheSameReasonChangesNothing() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .andGiven(new SessionVoidedEvent(INSTITUTION, GROUP, "s-1", VoidReason.DID_NOT_TAKE_PLACE))
                    .when(new VoidSessionCommand(AGGREGATE, "s-1", VoidReason.DID_NOT_TAKE_PLACE))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void voidingAgainForAnotherReasonIsAConflict() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .andGiven(new SessionVoidedEvent(INSTITUTION, GROUP, "s-1", VoidReason.DID_NOT_TAKE_PLACE))
                    .when(new VoidSessionCommand(AGGREGATE, "s-1", VoidReason.WRONG_GROUP))
                    .expectNoEvents()
                    .expectException(conflictStoring("reason", VoidReason.DID_NOT_TAKE_PLACE));
        }

        @Test
        void cannotVoidASessionThatWasNeverRecorded() {
            fixture.given(history())
                    .when(new VoidSessionCommand(AGGREGATE, "s-9", VoidReason.WRONG_GROUP))
                    .expectNoEvents()
                    .expectException(NotFoundException.class);
        }

        @Test
        void aVoidedSessionNoLongerCountsAgainstAWithdrawal() {
            fixture.given(history(heldEvents("s-1", HELD, bothPresent(), List.of())))
                    .andGiven(new SessionVoidedEvent(INSTITUTION, GROUP, "s-1", VoidReason.WRONG_GROUP))
                    .when(new WithdrawParticipantCommand(AGGREGATE, "p-7f3a9c", HELD.minusDays(1)))
                    .expectEvents(new ParticipantWithdrewEvent(INSTITUTION, GROUP, "p-7f3a9c", HELD.minusDays(1)));
        }
    }
}
