package org.balintobservatory.contract.survey;

/** Which way a scale improves: empathy rises, burnout falls. */
public enum ScaleDirection {
    HIGHER_IS_BETTER, LOWER_IS_BETTER
}
