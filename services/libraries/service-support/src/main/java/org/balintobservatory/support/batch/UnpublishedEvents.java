package org.balintobservatory.support.batch;

import java.util.OptionalLong;

/** How far this service's publishing is behind what it has stored. */
@FunctionalInterface
public interface UnpublishedEvents {

    /** For a service that publishes nothing, or where the count cannot be told. */
    UnpublishedEvents UNKNOWN = OptionalLong::empty;

    /**
     * The events this service has stored and not yet published to its topics; empty when it cannot be told (no
     * segment of the publisher runs in this instance, or the event store did not answer).
     */
    OptionalLong events();
}
