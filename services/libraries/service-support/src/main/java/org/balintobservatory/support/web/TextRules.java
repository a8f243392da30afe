package org.balintobservatory.support.web;

/** Patterns for the few free-text fields the APIs take (names of programmes and institutions). */
public final class TextRules {

    /**
     * One line of printable text: no control characters (C0 and C1), no lone surrogate (which a database
     * would store as '?'), no line or paragraph separator, and no {@code <} or {@code >}, so a name cannot
     * carry markup into a dashboard or a CSV opened elsewhere.
     */
    public static final String ONE_LINE = "[^\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}<>]*";

    public static final String ONE_LINE_MESSAGE = "must be one line of text without control characters, < or >";

    private TextRules() {
    }
}
