package org.balintobservatory.access.institution;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.balintobservatory.contract.access.InstitutionDetailsChangedEvent;
import org.balintobservatory.contract.access.InstitutionRegisteredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.balintobservatory.support.web.RuleMatchers.conflictStoring;

class InstitutionTest {

    private static final InstitutionRegisteredEvent REGISTERED =
            new InstitutionRegisteredEvent("uni-lyon", "Université Lyon 1", "FR");

    private AggregateTestFixture<Institution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Institution.class);
    }

    @Test
    void registeringAnInstitutionRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstitutionCommand("uni-lyon", "Université Lyon 1", "FR"))
                .expectEvents(REGISTERED);
    }

    @Test
    void registeringTheSameInstitutionAgainChangesNothing() {
        fixture.given(REGISTERED)
                .when(new RegisterInstitutionCommand("uni-lyon", "Université Lyon 1", "FR"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotRegisterOtherDetailsUnderATakenId() {
        fixture.given(REGISTERED)
                .when(new RegisterInstitutionCommand("uni-lyon", "Hospices Civils de Lyon", "FR"))
                .expectNoEvents()
                .expectException(conflictStoring("name", "Université Lyon 1"));
    }

    @Test
    void changingTheDetailsRecordsThemAsTheyNowAre() {
        fixture.given(REGISTERED)
                .when(new ChangeInstitutionDetailsCommand("uni-lyon", "Université Lyon 1, Faculté de médecine", "FR"))
                .expectEvents(new InstitutionDetailsChangedEvent("uni-lyon", "Université Lyon 1, Faculté de médecine",
                        "FR"));
    }

    @Test
    void changingTheDetailsToWhatTheyAreRecordsNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeInstitutionDetailsCommand("uni-lyon", "Université Lyon 1", "FR"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
