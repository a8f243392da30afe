package org.balintobservatory.analytics.ingest;

import java.util.List;

/**
 * A read model fed by the event topics. It receives events in batches, in topic order per aggregate,
 * possibly more than once (after a crash or a replay), and must apply each at most once.
 */
public interface Projection {

    void apply(List<ConsumedEvent> batch);
}
