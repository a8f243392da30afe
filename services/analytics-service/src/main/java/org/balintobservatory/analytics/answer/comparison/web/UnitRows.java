package org.balintobservatory.analytics.answer.comparison.web;

import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;

import java.util.List;
import java.util.Locale;

/**
 * How many of an answer's per-unit rows the caller asked for: {@code units=all} (the default, as before),
 * {@code units=none} (the pooled figures alone), or {@code units=page} with {@code offset} and {@code limit} (a
 * page of the rows, in the answer's unit order). Only what the answer shows is cut: every figure is computed from
 * every unit whatever is asked, so no two pages, and no page and the whole, can differ in anything but their rows.
 *
 * @param units  {@code all}, {@code none} or {@code page}
 * @param offset the first row of the page, counting from 0
 * @param limit  the most rows of the page, {@code null} unless {@code units=page}
 */
record UnitRows(String units, int offset, Integer limit) {

    static final String ALL = "all";
    static final String NONE = "none";
    static final String PAGE = "page";
    /** Rows of a page when {@code limit} is not given. */
    static final int DEFAULT_LIMIT = 100;
    /** The most rows of a page: about 0.5 MB of JSON; a whole table is {@code units=all} or the CSV. */
    static final int MAX_LIMIT = 1_000;

    /**
     * The query parameters, bound by name; absent ones take the defaults.
     *
     * @param units  {@code all} (default), {@code none} or {@code page}
     * @param offset with {@code units=page}: 0 or more, default 0
     * @param limit  with {@code units=page}: 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}
     */
    record Parameters(String units, String offset, String limit) {

        UnitRows parse() {
            String shown = units == null || units.isBlank() ? ALL : units.toLowerCase(Locale.ROOT);
            if (!List.of(ALL, NONE, PAGE).contains(shown)) {
                throw invalid("units", "one-of", "units must be all, none or page");
            }
            if (!shown.equals(PAGE)) {
                if (given(offset)) {
                    throw invalid("offset", "needs-page", "offset is read only with units=page");
                }
                if (given(limit)) {
                    throw invalid("limit", "needs-page", "limit is read only with units=page");
                }
                return new UnitRows(shown, 0, null);
            }
            int from = given(offset) ? number("offset", offset, 0, Integer.MAX_VALUE) : 0;
            int size = given(limit) ? number("limit", limit, 1, MAX_LIMIT) : DEFAULT_LIMIT;
            return new UnitRows(PAGE, from, size);
        }

        private static boolean given(String value) {
            return value != null && !value.isBlank();
        }

        private static int number(String field, String value, int min, int max) {
            String message = field + " must be a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max);
            int parsed;
            try {
                parsed = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw invalid(field, "integer", message);
            }
            if (parsed < min || parsed > max) {
                throw invalid(field, "range", message);
            }
            return parsed;
        }

        private static InvalidRequestException invalid(String field, String rule, String message) {
            return new InvalidRequestException(List.of(new FieldError(field, rule, message)));
        }
    }

    /**
     * What the answer says of its rows.
     *
     * @param units  what was asked: {@code all}, {@code none} or {@code page}
     * @param offset the first row shown, counting from 0
     * @param limit  the most rows asked, {@code null} unless {@code units=page}
     * @param rows   rows in this answer
     * @param total  rows in all: every unit in the model, which {@code units=all} shows
     */
    record Page(String units, int offset, Integer limit, int rows, int total) {
    }

    /** The rows the answer shows, {@code null} for none. */
    <T> List<T> shown(List<T> all) {
        return switch (units) {
            case NONE -> null;
            case PAGE -> all.subList(Math.min(offset, all.size()), (int) Math.min(all.size(), (long) offset + limit));
            default -> all;
        };
    }

    /** The answer's account of its rows, when {@code all} are the rows there are. */
    <T> Page page(List<T> all) {
        List<T> shown = shown(all);
        return new Page(units, offset, limit, shown == null ? 0 : shown.size(), all.size());
    }

    /** Units excluded from the model, listed unless the caller asked for no per-unit rows. */
    <T> List<T> excluded(List<T> excluded) {
        return units.equals(NONE) ? null : excluded;
    }
}
