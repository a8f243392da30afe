package org.balintobservatory.survey.response;

import org.balintobservatory.contract.survey.Timepoint;

import java.util.List;
import java.util.Optional;

/**
 * One live response per participant × instrument × timepoint within an institution. Every method runs in
 * the transaction of the command that calls it, so a claim stands exactly when the response's event is
 * stored.
 */
public interface ResponseSlots {

    /**
     * Takes the slot for a response.
     *
     * @return empty when the slot is now the response's, otherwise the id of the live response holding it
     */
    Optional<String> claim(String institutionId, String responseId, String participantId, String instrumentId,
                           Timepoint timepoint);

    /** Moves a response to another slot, as {@link #claim} answers. */
    Optional<String> move(String institutionId, String responseId, String participantId, String instrumentId,
                          Timepoint timepoint);

    /** Frees the response's slot; the response no longer counts. */
    void release(String institutionId, String responseId);

    /** The participant's responses that still count. */
    List<String> liveResponsesOf(String institutionId, String participantId);
}
