package org.balintobservatory.support.access;

/** What an API key may do. */
public enum Role {
    /** Writes and reads its own institution's data only. */
    SCHOOL,
    /** Reads cross-institution aggregates. */
    RESEARCHER,
    /** Manages institutions, keys and instruments. */
    ADMIN
}
