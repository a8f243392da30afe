package org.balintobservatory.survey.instrument;

/**
 * A custom instrument, or a new version of one, was registered. Service-internal: it is stored so the
 * catalogue survives restarts, and not published, because every survey event already names the
 * instrument version and carries its scale directions.
 */
public record InstrumentVersionRegisteredEvent(InstrumentKey key) {
}
