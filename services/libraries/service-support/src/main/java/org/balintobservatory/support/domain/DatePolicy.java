package org.balintobservatory.support.domain;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The date rules every aggregate applies (the group service's groups and programmes, the survey service's
 * responses), each refused with its name as the problem's rule and the date's JSON field as its field:
 * <ul>
 *   <li><em>not-before-1950</em>: no date is before {@link #EARLIEST};</li>
 *   <li><em>not-in-future</em>: a date that records something that happened (a group formed, a member
 *       enrolled or withdrew, a session held, a design change taking effect, a questionnaire completed) is
 *       not after today, UTC, as the injected {@link Clock} tells it;</li>
 *   <li><em>not-too-far-ahead</em>: a date that plans something lies at most a given period after the date it
 *       is measured from (a programme's start from today, its end from its start).</li>
 * </ul>
 */
public final class DatePolicy {

    /**
     * The earliest date accepted anywhere. Balint groups date from the 1950s, so an earlier date is a typing
     * or conversion error (a two-digit year, a default such as 1900-01-01), never a real record.
     */
    public static final LocalDate EARLIEST = LocalDate.of(1950, 1, 1);

    private DatePolicy() {
    }

    /** A date of something that has happened: from {@link #EARLIEST} up to and including today. */
    public static void happened(String field, LocalDate date, Clock clock) {
        if (date.isAfter(LocalDate.now(clock))) {
            throw new RuleViolationException(field, "not-in-future", field + " " + date + " is in the future");
        }
        notBefore1950(field, date);
    }

    public static void notBefore1950(String field, LocalDate date) {
        if (date.isBefore(EARLIEST)) {
            throw new RuleViolationException(field, "not-before-1950",
                    field + " " + date + " is before " + EARLIEST + "; Balint groups date from the 1950s");
        }
    }

    /**
     * A planned date at most {@code years} years after {@code from}.
     *
     * @param fromName how the message names {@code from}: {@code today}, {@code startsOn}
     */
    public static void notTooFarAhead(String field, LocalDate date, LocalDate from, int years, String fromName) {
        if (date.isAfter(from.plusYears(years))) {
            throw new RuleViolationException(field, "not-too-far-ahead",
                    field + " " + date + " is more than " + years + " years after " + fromName + " " + from);
        }
    }
}
