package org.balintobservatory.analytics.readmodel.store;

/**
 * Another writer changed a document between this batch's read and its write. Nothing of the batch is
 * committed to Kafka: the consumer reads the same records again and the projection recomputes from the
 * documents as they are now (what it had written already it overwrites with the same or newer state).
 */
public class ReadModelConflictException extends RuntimeException {

    public ReadModelConflictException(String message) {
        super(message);
    }
}
