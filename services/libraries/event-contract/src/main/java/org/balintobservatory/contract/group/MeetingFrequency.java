package org.balintobservatory.contract.group;

/** How often a group plans to meet. */
public enum MeetingFrequency {
    WEEKLY, FORTNIGHTLY, MONTHLY, OTHER
}
