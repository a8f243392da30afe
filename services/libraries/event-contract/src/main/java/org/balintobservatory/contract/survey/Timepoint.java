package org.balintobservatory.contract.survey;

/** When in a programme a questionnaire was completed. */
public enum Timepoint {
    BASELINE, MID, POST, FOLLOW_UP_1, FOLLOW_UP_2, FOLLOW_UP_3
}
