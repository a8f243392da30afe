package org.balintobservatory.analytics.answer.comparison.web;

import org.balintobservatory.support.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which rows an answer shows for {@code units}, {@code offset} and {@code limit}, and which values are refused. */
class UnitRowsTest {

    private static final List<Integer> ROWS = IntStream.range(0, 23).boxed().toList();

    @Test
    void withoutParametersEveryRowIsShownAsBefore() {
        UnitRows rows = new UnitRows.Parameters(null, null, null).parse();

        assertThat(rows.shown(ROWS)).isEqualTo(ROWS);
        assertThat(rows.page(ROWS)).isEqualTo(new UnitRows.Page("all", 0, null, 23, 23));
    }

    @Test
    void noneShowsNoRowAndNoExclusionButCountsThem() {
        UnitRows rows = new UnitRows.Parameters("none", null, null).parse();

        assertThat(rows.shown(ROWS)).isNull();
        assertThat(rows.excluded(List.of("u"))).isNull();
        assertThat(rows.page(ROWS)).isEqualTo(new UnitRows.Page("none", 0, null, 0, 23));
    }

    /** Pages of 5 from 0 on: 5, 5, 5, 5, 3 rows, every row once and in order, and an empty page past the end. */
    @Test
    void pagesCoverEveryRowExactlyOnceInOrder() {
        List<Integer> seen = new ArrayList<>();
        for (int offset = 0; offset < ROWS.size(); offset += 5) {
            UnitRows page = new UnitRows.Parameters("page", String.valueOf(offset), "5").parse();
            seen.addAll(page.shown(ROWS));
            assertThat(page.page(ROWS).total()).isEqualTo(23);
        }
        assertThat(seen).isEqualTo(ROWS);

        UnitRows past = new UnitRows.Parameters("page", "40", "5").parse();
        assertThat(past.shown(ROWS)).isEmpty();
        assertThat(past.page(ROWS)).isEqualTo(new UnitRows.Page("page", 40, 5, 0, 23));
    }

    @Test
    void aPageWithoutOffsetOrLimitIsTheFirstHundred() {
        UnitRows rows = new UnitRows.Parameters("page", null, null).parse();

        assertThat(rows.offset()).isZero();
        assertThat(rows.limit()).isEqualTo(UnitRows.DEFAULT_LIMIT);
    }

    @Test
    void badValuesAreRefusedNamingTheirField() {
        assertRefused(new UnitRows.Parameters("some", null, null), "units", "one-of");
        assertRefused(new UnitRows.Parameters("page", "-1", null), "offset", "range");
        assertRefused(new UnitRows.Parameters("page", "ten", null), "offset", "integer");
        assertRefused(new UnitRows.Parameters("page", null, "0"), "limit", "range");
        // One past the cap.
        assertRefused(new UnitRows.Parameters("page", null, String.valueOf(UnitRows.MAX_LIMIT + 1)), "limit", "range");
        assertRefused(new UnitRows.Parameters("page", null, "99999999999"), "limit", "integer");
        // Paging parameters without units=page would be silently ignored: refused instead.
        assertRefused(new UnitRows.Parameters(null, "10", null), "offset", "needs-page");
        assertRefused(new UnitRows.Parameters("none", null, "10"), "limit", "needs-page");
    }

    private static void assertRefused(UnitRows.Parameters parameters, String field, String rule) {
        assertThatThrownBy(parameters::parse).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).field()).isEqualTo(field);
            assertThat(e.errors().get(0).rule()).isEqualTo(rule);
        });
    }
}
