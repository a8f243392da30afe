package org.balintobservatory.contract.access;

/** An administrator changed an institution's name or country; the event carries both, as they now are. */
public record InstitutionDetailsChangedEvent(String institutionId, String name, String country) {
}
