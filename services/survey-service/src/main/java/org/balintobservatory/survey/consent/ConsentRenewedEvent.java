package org.balintobservatory.survey.consent;

/**
 * A participant who had withdrawn consent gave it again: new responses are accepted from now on. Responses
 * retracted by the withdrawal stay retracted. Service-internal, like {@link ConsentWithdrawnEvent}.
 */
public record ConsentRenewedEvent(String institutionId, String participantId) {
}
