package org.balintobservatory.personaldata;

import java.util.Optional;

/**
 * The format every client-chosen id of this contract has (3–64 characters of {@code [A-Za-z0-9._-]}, so no
 * {@code @}, space or {@code +}), and the identifier rules of {@link IdentifierGuard} under the names the
 * services have always called them by.
 *
 * <p>Participant ids in events are not what a school sent: the services replace each by a keyed pseudonym
 * ({@code px-} and 32 letters) before a command is built, so the ids a school sends never reach
 * an event however identifying they are. Every other id (programmes, groups, sessions, cases, responses,
 * corrections, institutions) is stored as sent, so {@link #check} refuses those that look like an e-mail
 * address, a phone number, a personal name, a date of birth, a national or hospital number or a postcode.
 */
public final class PseudonymousIds {

    public static final String FORMAT = "[A-Za-z0-9._-]{3,64}";

    /**
     * What a participant id in a published event looks like: the keyed pseudonym the services compute, 128
     * bits written as one letter a–p per four bits, so that no run of digits in it can look like a phone or a
     * national number.
     */
    public static final String PSEUDONYM_FORMAT = "px-[a-p]{32}";

    /** Why an id was refused: the rule it breaks and a message for the school's developers. */
    public record Refusal(String rule, String message) {
    }

    private PseudonymousIds() {
    }

    /** The reason {@code id} cannot be stored as an id, or empty when it can ({@link IdentifierGuard#checkId}). */
    public static Optional<Refusal> check(String id) {
        return IdentifierGuard.checkId(id).map(r -> new Refusal(r.rule(), r.message()));
    }

    /**
     * The reason a short text (a name, a key's label, a revocation reason) cannot be stored
     * ({@link IdentifierGuard#checkText}).
     */
    public static Optional<Refusal> checkNote(String text) {
        return IdentifierGuard.checkText(text).map(r -> new Refusal(r.rule(), r.message()));
    }

    /** Whether {@code id} is an id this contract accepts. */
    public static boolean isPseudonymous(String id) {
        return check(id).isEmpty();
    }
}
