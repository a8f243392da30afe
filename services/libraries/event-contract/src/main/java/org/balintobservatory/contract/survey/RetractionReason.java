package org.balintobservatory.contract.survey;

/** Why a response no longer counts. A closed list: no free text. */
public enum RetractionReason {
    CONSENT_WITHDRAWN, ENTERED_IN_ERROR
}
