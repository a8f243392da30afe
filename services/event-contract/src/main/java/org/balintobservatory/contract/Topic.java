package org.balintobservatory.contract;

/**
 * A Kafka topic of the published language.
 *
 * @param name        the topic name
 * @param key         what the record key is; the aggregate identifier for event topics, so that the events
 *                    of one aggregate keep their order within one partition
 * @param description what travels on it
 * @param compacted   whether Kafka keeps only the latest record per key; the other topics keep every
 *                    record forever, because they are the replayable history of every read model
 */
public record Topic(String name, String key, String description, boolean compacted) {

    public Topic(String name, String key, String description) {
        this(name, key, description, false);
    }
}
