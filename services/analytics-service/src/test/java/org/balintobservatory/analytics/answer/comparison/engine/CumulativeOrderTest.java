package org.balintobservatory.analytics.answer.comparison.engine;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders of the cumulative analysis: by completion month (the default) and by programme start. */
class CumulativeOrderTest {

    // Rows in unit-id order, as every comparison gives them.
    private static final List<ComparisonEngine.Row> ROWS = List.of(
            // Started first, completed last: a long programme.
            row("a/g-1", LocalDate.of(2025, 9, 1), YearMonth.of(2027, 3)),
            // Completed in the same month as a/g-4, started later: after it.
            row("a/g-2", LocalDate.of(2026, 1, 10), YearMonth.of(2026, 6)),
            // No pair has a date: cannot be placed by completion, can by start.
            row("a/g-3", LocalDate.of(2025, 10, 1), null),
            row("a/g-4", LocalDate.of(2025, 11, 1), YearMonth.of(2026, 6)),
            // Same month and start as a/g-4: the unit id decides.
            row("a/g-5", LocalDate.of(2025, 11, 1), YearMonth.of(2026, 6)),
            // No programme start: placed by completion only.
            row("a/g-6", null, YearMonth.of(2026, 2)));

    @Test
    void completionOrdersByTheMonthEachUnitReachedItsSecondTimepointThenByStartThenById() {
        CumulativeOrder.Sorted sorted = CumulativeOrder.COMPLETION.sort(ROWS);

        assertThat(sorted.ordered()).extracting(ComparisonEngine.Row::unitId)
                .containsExactly("a/g-6", "a/g-4", "a/g-5", "a/g-2", "a/g-1");
        assertThat(sorted.unordered()).containsExactly(
                new ComparisonEngine.Excluded("a/g-3", "the month it reached its second timepoint is unknown"));
    }

    @Test
    void startOrdersByProgrammeStartThenById() {
        CumulativeOrder.Sorted sorted = CumulativeOrder.START.sort(ROWS);

        assertThat(sorted.ordered()).extracting(ComparisonEngine.Row::unitId)
                .containsExactly("a/g-1", "a/g-3", "a/g-4", "a/g-5", "a/g-2");
        assertThat(sorted.unordered()).extracting(ComparisonEngine.Excluded::unitId).containsExactly("a/g-6");
    }

    @Test
    void theOrderParameterNamesEachOrderAndNothingElse() {
        assertThat(CumulativeOrder.of("completion")).isEqualTo(CumulativeOrder.COMPLETION);
        assertThat(CumulativeOrder.of("start")).isEqualTo(CumulativeOrder.START);
        assertThat(CumulativeOrder.of("Completion")).isNull();
        assertThat(CumulativeOrder.of(null)).isNull();
    }

    private static ComparisonEngine.Row row(String unitId, LocalDate start, YearMonth completed) {
        return new ComparisonEngine.Row(unitId, "a", 0.5, 0.04, 8, 0.1, 0.9, Map.of(), null, start, completed);
    }
}
