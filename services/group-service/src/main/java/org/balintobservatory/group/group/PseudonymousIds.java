package org.balintobservatory.group.group;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Policy <em>pseudonymous-id</em>: a participant is known only by an id that says nothing about who they
 * are. Beyond the id format (3–64 characters of {@code [A-Za-z0-9._-]}), it refuses ids that look like an
 * email address, a phone number or a personal name, because a school's integration that sends those has
 * sent identifying data by mistake, and the event log cannot forget it once stored.
 */
public final class PseudonymousIds {

    public static final String FORMAT = "[A-Za-z0-9._-]{3,64}";

    /** Why an id was refused: the rule it breaks and a message for the school's developers. */
    public record Refusal(String rule, String message) {
    }

    private static final Pattern ID = Pattern.compile(FORMAT);
    private static final Pattern MAIL_ADDRESS = Pattern.compile(
            "(?i).+[._-](at|gmail|googlemail|yahoo|hotmail|outlook|icloud|gmx|protonmail|freemail|t-online)"
                    + "([._-][a-z0-9]+)*[._-](com|org|net|edu|gov|de|fr|uk|hu|nl|it|es|ch|at|be|io|co|me)$"
                    + "|(?i).+[._-][a-z0-9-]+\\.(com|org|net|edu|gov|ac\\.uk|co\\.uk)$");
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9._-]+");
    private static final Pattern CAPITALISED_WORD = Pattern.compile("[A-Z][a-z]+");
    private static final Pattern INITIAL = Pattern.compile("[A-Z]");
    private static final Pattern CAMEL_CASE_NAME = Pattern.compile("([A-Z][a-z]+){2,4}");

    private PseudonymousIds() {
    }

    /** The reason {@code id} cannot be a participant id, or empty when it can. */
    public static Optional<Refusal> check(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.of(new Refusal("id-format", "must be 3 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'"));
        }
        if (MAIL_ADDRESS.matcher(id).matches()) {
            return Optional.of(new Refusal("not-an-email-address",
                    "looks like an email address; send a pseudonymous id instead"));
        }
        if (looksLikePhoneNumber(id)) {
            return Optional.of(new Refusal("not-a-phone-number",
                    "looks like a phone number; send a pseudonymous id instead"));
        }
        if (looksLikeName(id)) {
            return Optional.of(new Refusal("not-a-personal-name",
                    "looks like a personal name; send a pseudonymous id instead"));
        }
        return Optional.empty();
    }

    private static boolean looksLikePhoneNumber(String id) {
        if (!PHONE_CHARACTERS.matcher(id).matches()) {
            return false;
        }
        long digits = id.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15;
    }

    /** Capitalised words (with optional initials) joined by separators, or run together in camel case. */
    private static boolean looksLikeName(String id) {
        if (CAMEL_CASE_NAME.matcher(id).matches()) {
            return true;
        }
        String[] parts = id.split("[._-]+");
        if (parts.length < 2 || parts.length > 4 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return false;
        }
        boolean allNameLike = Arrays.stream(parts)
                .allMatch(p -> CAPITALISED_WORD.matcher(p).matches() || INITIAL.matcher(p).matches());
        boolean hasWord = Arrays.stream(parts).anyMatch(p -> CAPITALISED_WORD.matcher(p).matches());
        return allNameLike && hasWord;
    }
}
