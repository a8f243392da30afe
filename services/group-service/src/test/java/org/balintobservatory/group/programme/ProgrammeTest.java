package org.balintobservatory.group.programme;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.balintobservatory.support.web.RuleMatchers.conflictStoring;
import static org.balintobservatory.support.web.RuleMatchers.violates;

class ProgrammeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final LocalDate STARTS = LocalDate.of(2026, 1, 10);
    private static final ProgrammeRegisteredEvent REGISTERED = new ProgrammeRegisteredEvent("uni-lyon", "prog-2026",
            "Balint groups for residents 2026", ParticipantType.RESIDENT, Arm.INTERVENTION, "FR", STARTS, null);

    private AggregateTestFixture<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
        fixture.registerInjectableResource(Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static RegisterProgrammeCommand register(String name, LocalDate endsOn) {
        return new RegisterProgrammeCommand("uni-lyon/prog-2026", "uni-lyon", "prog-2026", name,
                ParticipantType.RESIDENT, Arm.INTERVENTION, "FR", STARTS, endsOn);
    }

    private static RegisterProgrammeCommand register(LocalDate startsOn, LocalDate endsOn) {
        return new RegisterProgrammeCommand("uni-lyon/prog-2026", "uni-lyon", "prog-2026",
                "Balint groups for residents 2026", ParticipantType.RESIDENT, Arm.INTERVENTION, "FR", startsOn, endsOn);
    }

    private static ProgrammeRegisteredEvent registered(LocalDate startsOn, LocalDate endsOn) {
        return new ProgrammeRegisteredEvent("uni-lyon", "prog-2026", "Balint groups for residents 2026",
                ParticipantType.RESIDENT, Arm.INTERVENTION, "FR", startsOn, endsOn);
    }

    @Test
    void registeringAProgrammeRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(register("Balint groups for residents 2026", null))
                .expectEvents(REGISTERED);
    }

    @Test
    void registeringTheSameProgrammeAgainChangesNothing() {
        fixture.given(REGISTERED)
                .when(register("Balint groups for residents 2026", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void registeringOtherDetailsUnderATakenIdIsAConflictNamingWhatIsStored() {
        fixture.given(REGISTERED)
                .when(register("Another name", null))
                .expectNoEvents()
                .expectException(ConflictException.class)
                .expectException(conflictStoring("name", "Balint groups for residents 2026"));
    }

    @Test
    void cannotRegisterAProgrammeThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(register("Balint groups for residents 2026", STARTS.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectException(violates("endsOn", "ends-after-start"));
    }

    @Test
    void aProgrammeMayStartTwoYearsFromToday() {
        fixture.givenNoPriorActivity()
                .when(register(TODAY.plusYears(2), null))
                .expectEvents(registered(TODAY.plusYears(2), null));
    }

    @Test
    void cannotRegisterAProgrammeStartingMoreThanTwoYearsFromToday() {
        fixture.givenNoPriorActivity()
                .when(register(TODAY.plusYears(2).plusDays(1), null))
                .expectNoEvents()
                .expectException(violates("startsOn", "not-too-far-ahead"));
    }

    @Test
    void aProgrammeMayStartOnTheFirstDayOf1950() {
        fixture.givenNoPriorActivity()
                .when(register(LocalDate.of(1950, 1, 1), null))
                .expectEvents(registered(LocalDate.of(1950, 1, 1), null));
    }

    @Test
    void cannotRegisterAProgrammeStartingBefore1950() {
        fixture.givenNoPriorActivity()
                .when(register(LocalDate.of(1949, 12, 31), null))
                .expectNoEvents()
                .expectException(violates("startsOn", "not-before-1950"));
    }

    @Test
    void aProgrammeMayRunForTenYears() {
        fixture.givenNoPriorActivity()
                .when(register(STARTS, STARTS.plusYears(10)))
                .expectEvents(registered(STARTS, STARTS.plusYears(10)));
    }

    @Test
    void cannotRegisterAProgrammeEndingMoreThanTenYearsAfterItStarts() {
        fixture.givenNoPriorActivity()
                .when(register(STARTS, STARTS.plusYears(10).plusDays(1)))
                .expectNoEvents()
                .expectException(violates("endsOn", "not-too-far-ahead"));
    }

    @Test
    void cannotRegisterAProgrammeEndingBefore1950() {
        fixture.givenNoPriorActivity()
                .when(register(LocalDate.of(1950, 1, 1), LocalDate.of(1949, 12, 31)))
                .expectNoEvents()
                .expectException(violates("endsOn", "not-before-1950"));
    }
}
