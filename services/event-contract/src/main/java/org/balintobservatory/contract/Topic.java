package org.balintobservatory.contract;

/**
 * A Kafka topic of the published language.
 *
 * @param name        the topic name
 * @param key         what the record key is; always the aggregate identifier, so that the events of one
 *                    aggregate keep their order within one partition
 * @param description what travels on it
 */
public record Topic(String name, String key, String description) {
}
