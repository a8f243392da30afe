package org.balintobservatory.support.publishing;

/** A batch of events could not be handed to Kafka; the publisher rolls it back and tries again. */
public class PublishingFailedException extends RuntimeException {

    public PublishingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
