package org.balintobservatory.survey.instrument;

import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.support.domain.Violation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class InstrumentKeyValidatorTest {

    @Test
    void everyBuiltInKeyIsValid() {
        for (InstrumentKey key : BuiltInInstruments.ALL) {
            assertThat(InstrumentKeyValidator.validate(key)).as(key.id()).isEmpty();
        }
    }

    @Test
    void builtInKeysHaveThePublishedShapes() {
        assertThat(BuiltInInstruments.JSE.scales()).singleElement()
                .satisfies(s -> assertThat(s.range()).isEqualTo(new ScoreRange(20, 140)));
        assertThat(BuiltInInstruments.MBI_HSS.scales()).extracting(s -> s.items().size(), Scale::range)
                .containsExactly(tuple(9, new ScoreRange(0, 54)), tuple(5, new ScoreRange(0, 30)),
                        tuple(8, new ScoreRange(0, 48)));
        assertThat(BuiltInInstruments.CSAS.scales()).extracting(s -> s.items().size()).containsExactly(13, 13);
        List<Integer> csasItems = new ArrayList<>(BuiltInInstruments.CSAS.scales().get(0).items());
        csasItems.addAll(BuiltInInstruments.CSAS.scales().get(1).items());
        assertThat(csasItems).doesNotHaveDuplicates().hasSize(26);
        assertThat(BuiltInInstruments.PSS_10.scales().get(0).range()).isEqualTo(new ScoreRange(0, 40));
        assertThat(BuiltInInstruments.PSS_10.reverseItems()).containsExactly(4, 5, 7, 8);
    }

    @Test
    void refusesItemsThatDoNotExistAndEmptyScales() {
        InstrumentKey key = new InstrumentKey("five-items", 1, "Five items", 5, new ResponseRange(1, 5), List.of(6),
                List.of(new Scale("total", "Total", List.of(1, 2, 3, 4, 7), ScoreRule.SUM,
                                ScaleDirection.HIGHER_IS_BETTER, new ScoreRange(5, 25)),
                        new Scale("empty", "Empty", List.of(), ScoreRule.SUM, ScaleDirection.HIGHER_IS_BETTER,
                                new ScoreRange(0, 0))),
                MissingDataRule.PRORATE_UP_TO_10_PERCENT, "A test key");

        assertThat(InstrumentKeyValidator.validate(key)).extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("reverseItems[0]", "item-exists"),
                        tuple("scales[0].items[4]", "item-exists"),
                        tuple("scales[1].items", "not-empty"));
    }

    @Test
    void refusesDisorderedAndInconsistentRanges() {
        InstrumentKey reversed = new InstrumentKey("bad-range", 1, "Bad range", 2, new ResponseRange(5, 1), List.of(),
                List.of(new Scale("total", "Total", List.of(1, 2), ScoreRule.SUM, ScaleDirection.HIGHER_IS_BETTER,
                        new ScoreRange(2, 10))),
                MissingDataRule.PRORATE_UP_TO_10_PERCENT, "A test key");
        InstrumentKey wrongTotal = new InstrumentKey("bad-total", 1, "Bad total", 2, new ResponseRange(1, 5), List.of(),
                List.of(new Scale("total", "Total", List.of(1, 2), ScoreRule.SUM, ScaleDirection.HIGHER_IS_BETTER,
                        new ScoreRange(0, 10))),
                MissingDataRule.PRORATE_UP_TO_10_PERCENT, "A test key");

        assertThat(InstrumentKeyValidator.validate(reversed)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("responseRange", "ordered-range"));
        assertThat(InstrumentKeyValidator.validate(wrongTotal)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("scales[0].range", "range-matches-items"));
    }

    @Test
    void refusesBadIdsDuplicateScalesAndAnUnusableMissingDataRule() {
        Scale scale = new Scale("total", "Total", List.of(1), ScoreRule.MEAN, ScaleDirection.LOWER_IS_BETTER,
                new ScoreRange(1, 5));
        InstrumentKey key = new InstrumentKey("Bad Id", 1, " ", 1, new ResponseRange(1, 5), List.of(1, 1),
                List.of(scale, scale), new MissingDataRule(MissingDataRule.Method.PRORATE, 0.9), "");

        assertThat(InstrumentKeyValidator.validate(key)).extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("id", "pattern"),
                        tuple("name", "not-blank"),
                        tuple("source", "not-blank"),
                        tuple("reverseItems[1]", "unique"),
                        tuple("missingData.maxMissingFraction", "in-range"),
                        tuple("scales[1].id", "unique"));
    }

    @Test
    void refusesAnInstrumentWithoutScales() {
        InstrumentKey key = new InstrumentKey("no-scales", 1, "No scales", 3, new ResponseRange(1, 5), List.of(),
                List.of(), MissingDataRule.PRORATE_UP_TO_10_PERCENT, "A test key");

        assertThat(InstrumentKeyValidator.validate(key)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("scales", "not-empty"));
    }

    @Test
    void refusesScalesWithoutAShortName() {
        Scale unnamed = new Scale("first", null, List.of(1), ScoreRule.MEAN, ScaleDirection.HIGHER_IS_BETTER,
                new ScoreRange(1, 5));
        Scale described = new Scale("second", "x".repeat(201), List.of(2), ScoreRule.MEAN,
                ScaleDirection.HIGHER_IS_BETTER, new ScoreRange(1, 5));
        InstrumentKey key = new InstrumentKey("named-scales", 1, "Named scales", 2, new ResponseRange(1, 5),
                List.of(), List.of(unnamed, described), MissingDataRule.PRORATE_UP_TO_10_PERCENT, "A test key");

        assertThat(InstrumentKeyValidator.validate(key)).extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(tuple("scales[0].name", "not-blank"), tuple("scales[1].name", "not-blank"));
    }
}
