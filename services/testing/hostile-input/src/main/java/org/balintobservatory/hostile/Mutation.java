package org.balintobservatory.hostile;

/** The ways a valid request is made certainly invalid. */
public enum Mutation {
    UNKNOWN_FIELD,
    WRONG_TYPE,
    INVALID_ENUM,
    MALFORMED_DATE,
    FUTURE_DATE,
    DATE_BEFORE_1950,
    FAR_AHEAD_DATE,
    OUT_OF_RANGE,
    OVERLONG_STRING,
    IDENTIFYING_ID,
    /** A character a free-text field's rule excludes (markup, a control character, an '@'); made by callers. */
    DISALLOWED_CHARACTER,
    NULL_REQUIRED,
    MISSING_REQUIRED,
    BAD_PATH_PARAMETER,
    TRUNCATED_JSON,
    TRAILING_GARBAGE,
    RANDOM_BYTES,
    NOT_AN_OBJECT,
    WRONG_CONTENT_TYPE,
    OVERSIZED_BODY
}
