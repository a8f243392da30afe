package org.balintobservatory.access.institution;

import java.time.Instant;

/** An institution as the registry lists it. */
public record InstitutionView(String institutionId, String name, String country, Instant registeredAt,
                              Instant changedAt) {
}
