package org.balintobservatory.contract.group;

/** A leader's professional background. */
public enum LeaderBackground {
    GP, PSYCHIATRIST, PSYCHOLOGIST, PSYCHOTHERAPIST, OTHER
}
