package org.balintobservatory.group.programme;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.support.web.ConflictException;
import org.balintobservatory.support.web.RuleViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.balintobservatory.group.RuleMatchers.conflictStoring;
import static org.balintobservatory.group.RuleMatchers.violates;

class ProgrammeTest {

    private static final LocalDate STARTS = LocalDate.of(2026, 1, 10);
    private static final ProgrammeRegisteredEvent REGISTERED = new ProgrammeRegisteredEvent("uni-lyon", "prog-2026",
            "Balint groups for residents 2026", ParticipantType.RESIDENT, Arm.INTERVENTION, "FR", STARTS, null);

    private AggregateTestFixture<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
    }

    private static RegisterProgrammeCommand register(String name, LocalDate endsOn) {
        return new RegisterProgrammeCommand("uni-lyon/prog-2026", "uni-lyon", "prog-2026", name,
                ParticipantType.RESIDENT, Arm.INTERVENTION, "FR", STARTS, endsOn);
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
}
