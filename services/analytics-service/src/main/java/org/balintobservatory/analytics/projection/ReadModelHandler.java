package org.balintobservatory.analytics.projection;

/**
 * Keeps one read model (or a few that always change together) up to date from a batch. It loads the
 * documents the batch's events concern, applies the events, and later writes back what changed; the
 * {@link ReadModelProjection} decides the order of both, which the exactly-once argument rests on.
 */
interface ReadModelHandler {

    /** Loads what the batch's events concern and applies them, leaving what later handlers need in the batch. */
    void apply(ProjectionBatch batch);

    /** Writes back what {@link #apply} changed. */
    void write(ProjectionBatch batch);
}
