package org.balintobservatory.survey.instrument;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstrumentTest {

    private final List<String> indexed = new ArrayList<>();
    private AggregateTestFixture<Instrument> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Instrument.class);
        fixture.registerInjectableResource(new InstrumentIndex() {
            @Override
            public void remember(String instrumentId) {
                indexed.add(instrumentId);
            }

            @Override
            public List<String> all() {
                return indexed;
            }
        });
    }

    @Test
    void registersTheFirstVersionOfACustomInstrument() {
        fixture.givenNoPriorActivity()
                .when(register(key(0, 5)))
                .expectEvents(new InstrumentVersionRegisteredEvent(key(1, 5)))
                .expectResultMessagePayload(1);
        assertThat(indexed).containsExactly("wellbeing-5");
    }

    @Test
    void aKeySentWithoutAVersionBecomesTheNextVersion() {
        fixture.given(stored(key(1, 5)))
                .when(register(key(0, 4)))
                .expectEvents(new InstrumentVersionRegisteredEvent(key(2, 4)))
                .expectResultMessagePayload(2);
    }

    @Test
    void repeatingTheLatestKeyWithoutAVersionChangesNothing() {
        fixture.given(stored(key(1, 5)))
                .when(register(key(0, 5)))
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void registeringAVersionAgainWithTheSameKeyChangesNothing() {
        fixture.given(stored(key(1, 5)))
                .when(register(key(1, 5)))
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void cannotEditARegisteredVersion() {
        fixture.given(stored(key(1, 5)))
                .when(register(key(1, 4)))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void cannotSkipAVersion() {
        fixture.given(stored(key(1, 5)))
                .when(register(key(3, 5)))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("the next version of wellbeing-5 is 2");
    }

    @Test
    void aNewVersionOfABuiltInInstrumentFollowsTheBuiltInVersion() {
        InstrumentKey rekeyed = new InstrumentKey("jse-style", 0, BuiltInInstruments.JSE.name(), 20,
                BuiltInInstruments.JSE.responseRange(), List.of(1, 3, 6, 7, 8, 11, 12, 14, 18),
                BuiltInInstruments.JSE.scales(), BuiltInInstruments.JSE.missingData(), BuiltInInstruments.JSE.source());

        fixture.givenNoPriorActivity()
                .when(new RegisterInstrumentVersionCommand("jse-style", rekeyed, List.of(BuiltInInstruments.JSE)))
                .expectEvents(new InstrumentVersionRegisteredEvent(rekeyed.withVersion(2)))
                .expectResultMessagePayload(2);
    }

    @Test
    void cannotReplaceABuiltInVersion() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstrumentVersionCommand("jse-style", modifiedJse(), List.of(BuiltInInstruments.JSE)))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void cannotRegisterAKeyThatCannotScore() {
        InstrumentKey broken = new InstrumentKey("wellbeing-5", 0, "Wellbeing", 5, new ResponseRange(1, 5), List.of(9),
                List.of(new Scale("total", "Total", List.of(1, 2, 3, 4, 5), ScoreRule.SUM,
                        ScaleDirection.HIGHER_IS_BETTER, new ScoreRange(5, 25))),
                MissingDataRule.PRORATE_UP_TO_10_PERCENT, "A test key");

        fixture.givenNoPriorActivity()
                .when(register(broken))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("item 9 is not one of items 1–5");
        assertThat(indexed).isEmpty();
    }

    private static InstrumentKey modifiedJse() {
        return new InstrumentKey("jse-style", 1, BuiltInInstruments.JSE.name(), 20,
                BuiltInInstruments.JSE.responseRange(), List.of(1, 3), BuiltInInstruments.JSE.scales(),
                BuiltInInstruments.JSE.missingData(), BuiltInInstruments.JSE.source());
    }

    /** An earlier version in the instrument's stream, under the instrument's own aggregate id. */
    private static GenericDomainEventMessage<InstrumentVersionRegisteredEvent> stored(InstrumentKey key) {
        return new GenericDomainEventMessage<>("Instrument", key.id(), key.version() - 1L,
                new InstrumentVersionRegisteredEvent(key));
    }

    private static RegisterInstrumentVersionCommand register(InstrumentKey key) {
        return new RegisterInstrumentVersionCommand(key.id(), key, List.of());
    }

    /** A five-item 1–5 wellbeing key with {@code reverse} as its one reverse-keyed item. */
    private static InstrumentKey key(int version, int reverse) {
        return new InstrumentKey("wellbeing-5", version, "Wellbeing", 5, new ResponseRange(1, 5), List.of(reverse),
                List.of(new Scale("total", "Total", List.of(1, 2, 3, 4, 5), ScoreRule.SUM,
                        ScaleDirection.HIGHER_IS_BETTER, new ScoreRange(5, 25))),
                MissingDataRule.PRORATE_UP_TO_10_PERCENT, "A test key");
    }
}
