package org.balintobservatory.contract.group;

/**
 * The controlled vocabulary of case themes (documented in {@code docs/case-themes.md}). A case is
 * described only by these themes: no free text about patients is accepted anywhere.
 */
public enum CaseTheme {
    DIFFICULT_PATIENT,
    END_OF_LIFE,
    BREAKING_BAD_NEWS,
    FAMILY_CONFLICT,
    BOUNDARIES,
    PSYCHOSOMATIC,
    MEDICAL_ERROR,
    CHRONIC_ILLNESS,
    MENTAL_HEALTH,
    SUBSTANCE_USE,
    CULTURAL_DIFFERENCE,
    AGGRESSION,
    UNCERTAINTY,
    DOCTOR_WELLBEING,
    TEAM_CONFLICT,
    OTHER
}
