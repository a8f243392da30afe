package org.balintobservatory.analytics.ingest;

import java.util.List;

/**
 * Read models fed by the event topics. They receive events in batches, in topic order per aggregate,
 * possibly more than once (after a crash or during a rebuild), and must apply each at most once.
 */
public interface Projection {

    /**
     * @param generation the set of read-model collections to write: the active one, or the one a rebuild
     *                   is filling
     */
    void apply(List<ConsumedEvent> batch, int generation);
}
