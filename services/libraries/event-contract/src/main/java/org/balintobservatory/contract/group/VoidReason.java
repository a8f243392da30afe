package org.balintobservatory.contract.group;

/** Why a recorded session no longer counts. A closed list: no free text. */
public enum VoidReason {
    DID_NOT_TAKE_PLACE,
    DUPLICATE_ENTRY,
    WRONG_GROUP
}
