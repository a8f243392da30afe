package org.balintobservatory.contract.group;

/** The leaders' way of running the group. */
public enum FacilitationStyle {
    CLASSIC_BALINT, PSYCHODYNAMIC, STRUCTURED, ROLE_PLAY_HYBRID, OTHER
}
