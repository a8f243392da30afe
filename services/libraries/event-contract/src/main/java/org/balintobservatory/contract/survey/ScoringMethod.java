package org.balintobservatory.contract.survey;

/** Whether the service scored the items itself, or the school reported scores only. */
public enum ScoringMethod {
    ITEMS, REPORTED_SCORES
}
