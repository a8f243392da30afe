package org.balintobservatory.support.upload;

/**
 * One column of an upload template.
 *
 * @param name     the header as the template writes it, e.g. {@code completedOn}
 * @param kind     how a cell is read
 * @param required whether the header must have it; an optional column may be left out or left blank
 * @param note     what the column holds, for the template's documentation
 */
public record Column(String name, Kind kind, boolean required, String note) {

    /** How a cell becomes a JSON value. */
    public enum Kind {
        /** Text as written; a number cell is written without a fractional part when it has none. */
        TEXT,
        /** A whole number. */
        INTEGER,
        /** A date: an ISO {@code yyyy-MM-dd} text, or a spreadsheet date cell. */
        DATE
    }

    public static Column required(String name, Kind kind, String note) {
        return new Column(name, kind, true, note);
    }

    public static Column optional(String name, Kind kind, String note) {
        return new Column(name, kind, false, note);
    }
}
