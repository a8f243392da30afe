package org.balintobservatory.analytics.ingest;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/** What a task run between two batches of the live consumer may do with it. */
public interface LiveConsumer {

    /** The next offset to read per assigned partition: everything before it is in the read models. */
    Map<TopicPartition, Long> position();

    /**
     * Moves forward to these offsets (never back) and commits them: used when a rebuilt generation
     * already holds events the live consumer has not read yet.
     */
    void moveTo(Map<TopicPartition, Long> offsets);
}
