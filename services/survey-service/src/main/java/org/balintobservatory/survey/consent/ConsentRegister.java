package org.balintobservatory.survey.consent;

/**
 * Whose consent is withdrawn, as a table beside the event store, written in the transaction of the consent
 * event it indexes and read in the transaction of every submission, so a response and a withdrawal of the
 * same participant are never both accepted out of order.
 */
public interface ConsentRegister {

    /** Records the participant's current consent. */
    void record(String institutionId, String participantId, boolean withdrawn);

    /**
     * Whether the participant's consent is withdrawn. Holds the participant's row until the caller's
     * transaction ends, so a withdrawal waits for a submission that read it, and the other way round.
     */
    boolean isWithdrawn(String institutionId, String participantId);
}
