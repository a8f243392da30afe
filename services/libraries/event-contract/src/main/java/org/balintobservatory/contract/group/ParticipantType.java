package org.balintobservatory.contract.group;

/** Who the programme's participants are. */
public enum ParticipantType {
    MEDICAL_STUDENT, RESIDENT, GENERAL_PRACTITIONER, SPECIALIST, NURSE, MIXED
}
