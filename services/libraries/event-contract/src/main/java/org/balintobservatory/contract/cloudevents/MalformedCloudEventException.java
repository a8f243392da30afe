package org.balintobservatory.contract.cloudevents;

/** The bytes on a topic are not a CloudEvent this contract can read. */
public class MalformedCloudEventException extends RuntimeException {

    public MalformedCloudEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
