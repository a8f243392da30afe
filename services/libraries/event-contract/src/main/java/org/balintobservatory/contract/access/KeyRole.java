package org.balintobservatory.contract.access;

/** What an API key may do. */
public enum KeyRole {
    /** Writes and reads its own institution's data only. */
    SCHOOL,
    /** Reads cross-institution aggregates, never participant-level data. */
    RESEARCHER,
    /** Manages institutions, keys and instruments. */
    ADMIN
}
