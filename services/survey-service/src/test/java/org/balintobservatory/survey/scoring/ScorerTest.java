package org.balintobservatory.survey.scoring;

import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.ScoringMethod;
import org.balintobservatory.survey.instrument.BuiltInInstruments;
import org.balintobservatory.survey.instrument.InstrumentKey;
import org.balintobservatory.survey.instrument.MissingDataRule;
import org.balintobservatory.survey.instrument.ResponseRange;
import org.balintobservatory.survey.instrument.Scale;
import org.balintobservatory.survey.instrument.ScoreRange;
import org.balintobservatory.survey.instrument.ScoreRule;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.support.domain.Violation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ScorerTest {

    @Test
    void reverseScoresTheNegativelyWordedEmpathyItems() {
        // Every item answered 6 on 1–7. The ten reverse-keyed items (1, 3, 6, 7, 8, 11, 12, 14, 18, 19)
        // count as 1 + 7 − 6 = 2, the other ten as 6: 10 × 6 + 10 × 2 = 80.
        ScoredResponse scored = Scorer.scoreItems(BuiltInInstruments.JSE, answers(20, 6));

        assertThat(scored.scores()).containsExactly(
                new ScaleScore("total", 80.0, ScaleDirection.HIGHER_IS_BETTER, 20, false));
        assertThat(scored.method()).isEqualTo(ScoringMethod.ITEMS);
        assertThat(scored.prorated()).isFalse();
        assertThat(scored.items()).hasSize(20).containsEntry("1", 6);
    }

    @Test
    void proratesOneMissingEmpathyItemFromTheMeanOfTheAnsweredItems() {
        // Item 2 (not reverse-keyed) left blank, all others 6: nine plain items give 9 × 6 = 54, the ten
        // reverse-keyed items 10 × 2 = 20, so 74 over 19 answered items; prorated to 20 items:
        // 74 / 19 × 20 = 77.894… → 77.89.
        Map<String, Integer> items = answers(20, 6);
        items.remove("2");

        ScoredResponse scored = Scorer.scoreItems(BuiltInInstruments.JSE, items);

        assertThat(scored.scores()).containsExactly(
                new ScaleScore("total", 77.89, ScaleDirection.HIGHER_IS_BETTER, 19, true));
        assertThat(scored.prorated()).isTrue();
        assertThat(scored.items()).hasSize(19).doesNotContainKey("2");
    }

    @Test
    void proratesUpToTenPercentOfAScaleAndTreatsNullAsMissing() {
        // Items 2 and 4 blank (2 of 20 = 10%, the most the rule allows), item 4 sent as null. Answered:
        // eight plain items × 6 = 48 plus ten reverse-keyed × 2 = 20, 68 over 18 items; 68 / 18 × 20 = 75.555… → 75.56.
        Map<String, Integer> items = answers(20, 6);
        items.remove("2");
        items.put("4", null);

        ScoredResponse scored = Scorer.scoreItems(BuiltInInstruments.JSE, items);

        assertThat(scored.scores()).extracting(ScaleScore::score, ScaleScore::itemsAnswered, ScaleScore::prorated)
                .containsExactly(tuple(75.56, 18, true));
    }

    @Test
    void refusesMoreMissingItemsThanTheRuleAllowsNamingTheScale() {
        // 3 of 20 missing is 15%, above the 10% rule.
        Map<String, Integer> items = answers(20, 6);
        items.remove("2");
        items.remove("4");
        items.remove("5");

        assertThatThrownBy(() -> Scorer.scoreItems(BuiltInInstruments.JSE, items))
                .isInstanceOf(RuleViolationException.class)
                .satisfies(e -> assertThat(((RuleViolationException) e).violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("items");
                            assertThat(v.rule()).isEqualTo("missing-items");
                            assertThat(v.message()).contains("scale total").contains("[2, 4, 5]")
                                    .contains("at most 2 of 20");
                        }));
    }

    @Test
    void scoresThePerceivedStressTotalWithItsFourPositiveItemsReversed() {
        // Answers 3,3,3,1,1,3,1,1,3,3 on 0–4. Items 4, 5, 7, 8 are reversed: 0 + 4 − 1 = 3. Every item then
        // counts 3: 10 × 3 = 30, where higher means more stress.
        Map<String, Integer> items = items(3, 3, 3, 1, 1, 3, 1, 1, 3, 3);

        ScoredResponse scored = Scorer.scoreItems(BuiltInInstruments.PSS_10, items);

        assertThat(scored.scores()).containsExactly(
                new ScaleScore("total", 30.0, ScaleDirection.LOWER_IS_BETTER, 10, false));
    }

    @Test
    void proratesOneOfTenPerceivedStressItems() {
        // Item 10 blank: floor(10% × 10) = 1 may be missing. The nine answered items count 3 each (27),
        // prorated 27 / 9 × 10 = 30.
        Map<String, Integer> items = items(3, 3, 3, 1, 1, 3, 1, 1, 3, 3);
        items.remove("10");

        assertThat(Scorer.scoreItems(BuiltInInstruments.PSS_10, items).scores())
                .containsExactly(new ScaleScore("total", 30.0, ScaleDirection.LOWER_IS_BETTER, 9, true));
    }

    @Test
    void scoresTheThreeBurnoutSubscalesSeparately() {
        // Emotional exhaustion items (1,2,3,6,8,13,14,16,20) answered 4: 9 × 4 = 36.
        // Depersonalisation items (5,10,11,15,22) answered 2: 5 × 2 = 10.
        // Personal accomplishment items (4,7,9,12,17,18,19,21) answered 5: 8 × 5 = 40.
        Map<String, Integer> items = new HashMap<>();
        List.of(1, 2, 3, 6, 8, 13, 14, 16, 20).forEach(i -> items.put(String.valueOf(i), 4));
        List.of(5, 10, 11, 15, 22).forEach(i -> items.put(String.valueOf(i), 2));
        List.of(4, 7, 9, 12, 17, 18, 19, 21).forEach(i -> items.put(String.valueOf(i), 5));

        ScoredResponse scored = Scorer.scoreItems(BuiltInInstruments.MBI_HSS, items);

        assertThat(scored.scores()).containsExactly(
                new ScaleScore("emotional-exhaustion", 36.0, ScaleDirection.LOWER_IS_BETTER, 9, false),
                new ScaleScore("depersonalisation", 10.0, ScaleDirection.LOWER_IS_BETTER, 5, false),
                new ScaleScore("personal-accomplishment", 40.0, ScaleDirection.HIGHER_IS_BETTER, 8, false));
    }

    @Test
    void refusesAMissingItemOnAFiveItemSubscale() {
        // 10% of 5 items is 0.5: no depersonalisation item may be missing.
        Map<String, Integer> items = answers(22, 3);
        items.remove("10");

        assertThatThrownBy(() -> Scorer.scoreItems(BuiltInInstruments.MBI_HSS, items))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("scale depersonalisation")
                .hasMessageContaining("at most 0 of 5");
    }

    @Test
    void scoresBothCommunicationAttitudeSubscales() {
        // Positive-attitude items (4,5,7,9,10,12,14,16,18,21,22,23,25) answered 4: 13 × 4 = 52.
        // Negative-attitude items (1,2,3,6,8,11,13,15,17,19,20,24,26) answered 2: 13 × 2 = 26.
        Map<String, Integer> items = answers(26, 2);
        List.of(4, 5, 7, 9, 10, 12, 14, 16, 18, 21, 22, 23, 25).forEach(i -> items.put(String.valueOf(i), 4));

        assertThat(Scorer.scoreItems(BuiltInInstruments.CSAS, items).scores()).containsExactly(
                new ScaleScore("positive-attitude", 52.0, ScaleDirection.HIGHER_IS_BETTER, 13, false),
                new ScaleScore("negative-attitude", 26.0, ScaleDirection.LOWER_IS_BETTER, 13, false));
    }

    @Test
    void aMeanScaleAveragesTheReverseScoredItemsAndProratesByAveragingTheAnsweredOnes() {
        // Four items on 1–5, item 4 reversed. Answers 1, 2, 3, 4 count 1, 2, 3, 1 + 5 − 4 = 2: mean 8 / 4 = 2.
        // With item 4 blank (25% allowed): mean of 1, 2, 3 = 2, prorated.
        InstrumentKey key = meanKey(new MissingDataRule(MissingDataRule.Method.PRORATE, 0.25));

        assertThat(Scorer.scoreItems(key, items(1, 2, 3, 4)).scores()).extracting(ScaleScore::score, ScaleScore::prorated)
                .containsExactly(tuple(2.0, false));
        assertThat(Scorer.scoreItems(key, items(1, 2, 3)).scores()).extracting(ScaleScore::score, ScaleScore::prorated)
                .containsExactly(tuple(2.0, true));
    }

    @Test
    void completeOnlyRefusesAnyMissingItem() {
        InstrumentKey key = meanKey(new MissingDataRule(MissingDataRule.Method.COMPLETE_ONLY, null));

        assertThatThrownBy(() -> Scorer.scoreItems(key, items(1, 2, 3)))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("every item must be answered");
    }

    @Test
    void refusesEveryOutOfRangeAndUnknownItemAtOnce() {
        Map<String, Integer> items = answers(20, 6);
        items.put("3", 8);
        items.put("5", 0);
        items.put("21", 4);
        items.put("0", 4);
        items.put("x", 4);

        assertThatThrownBy(() -> Scorer.scoreItems(BuiltInInstruments.JSE, items))
                .isInstanceOf(RuleViolationException.class)
                .satisfies(e -> assertThat(((RuleViolationException) e).violations())
                        .extracting(Violation::field, Violation::rule)
                        .containsExactlyInAnyOrder(
                                tuple("items.3", "item-in-range"),
                                tuple("items.5", "item-in-range"),
                                tuple("items.21", "item-exists"),
                                tuple("items.0", "item-exists"),
                                tuple("items.x", "item-exists")));
    }

    @Test
    void acceptsReportedScoresWithinTheirRanges() {
        ScoredResponse scored = Scorer.checkReported(BuiltInInstruments.JSE, new ReportedScores(98.5, null));

        assertThat(scored.method()).isEqualTo(ScoringMethod.REPORTED_SCORES);
        assertThat(scored.items()).isNull();
        assertThat(scored.scores()).containsExactly(
                new ScaleScore("total", 98.5, ScaleDirection.HIGHER_IS_BETTER, null, false));
    }

    @Test
    void refusesReportedScoresThatAreOutOfRangeMissingOrUnknown() {
        // Emotional exhaustion is 0–54; depersonalisation is not reported; "cynicism" is no MBI-HSS-style scale;
        // the instrument has no total.
        ReportedScores reported = new ReportedScores(80.0, Map.of("emotional-exhaustion", 60.0,
                "personal-accomplishment", 30.0, "cynicism", 3.0));

        assertThatThrownBy(() -> Scorer.checkReported(BuiltInInstruments.MBI_HSS, reported))
                .isInstanceOf(RuleViolationException.class)
                .satisfies(e -> assertThat(((RuleViolationException) e).violations())
                        .extracting(Violation::field, Violation::rule)
                        .containsExactlyInAnyOrder(
                                tuple("scores.total", "scale-exists"),
                                tuple("scores.subscales.cynicism", "scale-exists"),
                                tuple("scores.subscales.emotional-exhaustion", "score-in-range"),
                                tuple("scores.subscales.depersonalisation", "scale-reported")));
    }

    private static InstrumentKey meanKey(MissingDataRule rule) {
        return new InstrumentKey("mean-four", 1, "Four items averaged", 4, new ResponseRange(1, 5), List.of(4),
                List.of(new Scale("total", "Mean", List.of(1, 2, 3, 4), ScoreRule.MEAN, ScaleDirection.HIGHER_IS_BETTER,
                        new ScoreRange(1, 5))),
                rule, "A test key");
    }

    /** Items 1..count all answered {@code value}. */
    private static Map<String, Integer> answers(int count, int value) {
        Map<String, Integer> items = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            items.put(String.valueOf(i), value);
        }
        return items;
    }

    /** Items 1, 2, … answered in order. */
    private static Map<String, Integer> items(int... values) {
        Map<String, Integer> items = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            items.put(String.valueOf(i + 1), values[i]);
        }
        return items;
    }
}
