package org.balintobservatory.contract;

/**
 * A Kafka topic of the published language.
 *
 * @param name        the topic name
 * @param key         what the record key is, in words
 * @param keying      how the record key is made from an event's subject (its aggregate id)
 * @param description what travels on it
 * @param compacted   whether Kafka keeps only the latest record per key; the other topics keep every
 *                    record forever, because they are the replayable history of every read model
 */
public record Topic(String name, String key, Keying keying, String description, boolean compacted) {

    public Topic(String name, String key, Keying keying, String description) {
        this(name, key, keying, description, false);
    }

    /** The Kafka record key of an event with this subject. */
    public String recordKey(String subject) {
        return keying.key(subject);
    }

    /** How a record key is made from the subject. */
    public enum Keying {

        /** The subject itself: one aggregate's events in order on one partition. */
        SUBJECT,

        /**
         * The institution id, the subject up to its first {@code /}: every event of one institution lands on
         * the same partition number of each topic keyed this way (with equal partition counts), so one
         * consumer of a consumer group that reads them all sees an institution's events together, and one
         * aggregate's events, all of one institution, stay in order.
         */
        INSTITUTION;

        String key(String subject) {
            if (this == SUBJECT) {
                return subject;
            }
            int slash = subject.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("subject " + subject + " does not start with an institution id");
            }
            return subject.substring(0, slash);
        }
    }
}
