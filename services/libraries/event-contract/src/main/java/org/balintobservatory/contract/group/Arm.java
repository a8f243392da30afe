package org.balintobservatory.contract.group;

/** Whether a programme's participants take part in Balint groups or form a comparison cohort. */
public enum Arm {
    INTERVENTION, CONTROL
}
