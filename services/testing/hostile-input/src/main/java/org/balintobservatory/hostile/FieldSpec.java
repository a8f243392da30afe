package org.balintobservatory.hostile;

import java.util.Arrays;
import java.util.List;

/**
 * One field of a request body (or one path or query parameter), described well enough to make a value
 * that is certainly wrong for it.
 *
 * @param path     where the field is: {@code design.facilitation.leaders}, {@code attendance[0].participantId},
 *                 {@code items.3}; for a parameter, its name
 * @param kind     what the field holds
 * @param required whether leaving it out or sending {@code null} is an error
 * @param min      for {@link Kind#INTEGER}, the smallest valid value
 * @param max      for {@link Kind#INTEGER}, the largest valid value; for {@link Kind#TEXT}, the longest length
 * @param values   for {@link Kind#ENUM}, the valid words
 */
public record FieldSpec(String path, Kind kind, boolean required, long min, long max, List<String> values) {

    public enum Kind {
        /** A client-chosen id: 3–64 characters of {@code [A-Za-z0-9._-]}, refused when it identifies a person. */
        ID,
        /**
         * A participant id: the school's own, in the {@link #ID} format, but accepted however identifying,
         * because it is stored only as its keyed pseudonym.
         */
        PARTICIPANT_ID,
        /** A short text such as a name, up to {@code max} characters, refused when it identifies a person. */
        TEXT,
        /**
         * A citation of published work, up to {@code max} characters: it names authors and carries DOIs, so
         * only its length and type are checked, not the identifier rules.
         */
        CITATION,
        ENUM,
        /**
         * A date of something planned: it may lie ahead, but not by decades (more than
         * {@value HostileRequests#MAX_YEARS_AHEAD} years from today is refused), and not before 1950.
         */
        DATE,
        /** A date of something that has happened: a future date is refused, and so is one before 1950. */
        PAST_DATE,
        INTEGER,
        BOOLEAN,
        LIST,
        OBJECT
    }

    public static FieldSpec id(String path) {
        return new FieldSpec(path, Kind.ID, true, 0, 64, List.of());
    }

    public static FieldSpec participantId(String path) {
        return new FieldSpec(path, Kind.PARTICIPANT_ID, true, 0, 64, List.of());
    }

    public static FieldSpec text(String path, int maxLength) {
        return new FieldSpec(path, Kind.TEXT, true, 0, maxLength, List.of());
    }

    public static FieldSpec citation(String path, int maxLength) {
        return new FieldSpec(path, Kind.CITATION, true, 0, maxLength, List.of());
    }

    public static FieldSpec enumOf(String path, Class<? extends Enum<?>> type) {
        return new FieldSpec(path, Kind.ENUM, true, 0, 0,
                Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    public static FieldSpec date(String path) {
        return new FieldSpec(path, Kind.DATE, true, 0, 0, List.of());
    }

    public static FieldSpec pastDate(String path) {
        return new FieldSpec(path, Kind.PAST_DATE, true, 0, 0, List.of());
    }

    public static FieldSpec integer(String path, long min, long max) {
        return new FieldSpec(path, Kind.INTEGER, true, min, max, List.of());
    }

    public static FieldSpec bool(String path) {
        return new FieldSpec(path, Kind.BOOLEAN, true, 0, 0, List.of());
    }

    public static FieldSpec list(String path) {
        return new FieldSpec(path, Kind.LIST, true, 0, 0, List.of());
    }

    public static FieldSpec object(String path) {
        return new FieldSpec(path, Kind.OBJECT, true, 0, 0, List.of());
    }

    /** The same field, but one that may be left out: only values that are present can be wrong. */
    public FieldSpec optional() {
        return new FieldSpec(path, kind, false, min, max, values);
    }

    boolean isId() {
        return kind == Kind.ID || kind == Kind.PARTICIPANT_ID;
    }

    boolean isText() {
        return kind == Kind.TEXT || kind == Kind.CITATION;
    }

    boolean isDate() {
        return kind == Kind.DATE || kind == Kind.PAST_DATE;
    }
}
