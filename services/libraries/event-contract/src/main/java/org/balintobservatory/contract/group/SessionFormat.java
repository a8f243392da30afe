package org.balintobservatory.contract.group;

/** Where a group or one session meets. */
public enum SessionFormat {
    IN_PERSON, VIRTUAL, HYBRID
}
