package org.balintobservatory.survey.consent;

/**
 * A participant withdrew consent. Service-internal: it is stored so the withdrawal is remembered (and audited
 * with the key that recorded it), and not published, because analytics learns of it from the
 * {@code survey-retracted} events (reason CONSENT_WITHDRAWN) of the participant's responses.
 *
 * @param participantId the participant's pseudonym, never the school's id
 */
public record ConsentWithdrawnEvent(String institutionId, String participantId) {
}
