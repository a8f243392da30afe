package org.balintobservatory.analytics.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-partition offsets the read models reflect: every analytics answer states it, so that a figure
 * in a paper can name the exact state of the log it was computed from. It is initialised from the
 * consumer group's committed offsets when partitions are assigned, so it is right after a restart too.
 */
public class LogPosition {

    private final Map<String, Long> offsets = new ConcurrentHashMap<>();

    void advance(String topic, int partition, long nextOffset) {
        offsets.merge(topic + "-" + partition, nextOffset, Math::max);
    }

    /** Sets a partition's offset outright: on assignment, from what the consumer group committed. */
    void reset(String topic, int partition, long nextOffset) {
        offsets.put(topic + "-" + partition, nextOffset);
    }

    /** Next offset to read, per {@code topic-partition}; everything before it is in the read models. */
    public Map<String, Long> snapshot() {
        return new TreeMap<>(offsets);
    }
}
