package org.balintobservatory.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a participant id in any event of this contract is: a pseudonym that says nothing about who the
 * participant is. Every service that accepts participant ids applies this one rule, so an id refused by one
 * service is refused by all of them.
 *
 * <p>Beyond the format (3–64 characters of {@code [A-Za-z0-9._-]}, so no {@code @}, space or {@code +}),
 * an id is refused when it looks like
 * <ul>
 *   <li>an email address written without its {@code @} ({@code john.smith.gmail.com},
 *       {@code anna_meyer.at.uni-lyon.fr}, {@code m.curie.example.org});</li>
 *   <li>a phone number: 7–15 digits with only separators or a leading {@code tel}/{@code mobile} word
 *       ({@code 0612345678}, {@code 06.12.34.56.78}, {@code 0033-6-12-34-56-78}, {@code tel-0612345678});</li>
 *   <li>a personal name: capitalised words or initials joined by separators ({@code John.Smith},
 *       {@code J.Smith}, {@code Mary-Jane_Watson}), capitalised words run together ({@code JohnSmith}), or
 *       letters-only words in any case where one of them is a common given name ({@code john.smith},
 *       {@code SMITH_ANNA}, {@code johnsmith}).</li>
 * </ul>
 *
 * <p>This is a heuristic against mistakes, not a proof of anonymity. The given-name list holds common names
 * of the languages of the schools that send data; a name it does not hold, written in lower case
 * ({@code zsofia.kertesz}), passes, as does a surname alone or a name with digits appended
 * ({@code P-Anna7}). Run-together lower-case names are refused only for given names of four letters or more,
 * so that short pseudonyms like {@code maxi-12} or {@code evals} stay usable; the price is that a pseudonym
 * made only of letters starting with such a name ({@code markers}) is refused too. Every id that contains a
 * digit and is not phone-shaped passes the name rules: {@code p-001}, {@code stud.2026.17} and
 * {@code a1b2c3} are typical good ids.
 */
public final class PseudonymousIds {

    public static final String FORMAT = "[A-Za-z0-9._-]{3,64}";

    /** Why an id was refused: the rule it breaks and a message for the school's developers. */
    public record Refusal(String rule, String message) {
    }

    private static final Pattern ID = Pattern.compile(FORMAT);
    private static final String TOP_LEVEL_DOMAINS = "com|org|net|edu|gov|info|io|eu|de|fr|uk|hu|nl|it|es|ch|at"
            + "|be|se|dk|no|fi|pl|cz|pt|ie|us|ca|au|ro|sk|si|hr|gr|co|me";
    private static final Pattern MAIL_ADDRESS = Pattern.compile(
            "(?i).+[._-](at|gmail|googlemail|yahoo|hotmail|outlook|icloud|gmx|protonmail|freemail|t-online|web)"
                    + "([._-][a-z0-9]+)*[._-](" + TOP_LEVEL_DOMAINS + ")"
                    + "|(?i).+[._-][a-z0-9-]*[a-z][a-z0-9-]*\\.(ac\\.uk|co\\.uk|" + TOP_LEVEL_DOMAINS + ")");
    private static final Pattern PHONE = Pattern.compile(
            "(?i)((tel|phone|mobile|mob|cell|fon|handy)[._-]?)?\\+?[0-9._-]+");
    /** Digits with the separators phone numbers are written with, as one run. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\d[\\d\\s()._-]*\\d");
    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    private static final Pattern CAPITALISED_WORD = Pattern.compile("[A-Z][a-z]+");
    private static final Pattern INITIAL = Pattern.compile("[A-Z]");
    private static final Pattern CAMEL_CASE_NAME = Pattern.compile("([A-Z][a-z]+){2,4}");
    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");
    private static final Pattern LOWER_CASE_LETTERS = Pattern.compile("[a-z]+");
    private static final int MIN_RUN_TOGETHER_GIVEN_NAME = 4;

    /** Common given names of the schools' languages, in lower case; a name shared by two languages is in both. */
    private static final Set<String> GIVEN_NAMES = Set.copyOf(List.of(
            // English
            "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles",
            "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua",
            "kevin", "brian", "george", "edward", "ronald", "timothy", "jason", "jeffrey", "ryan", "jacob", "gary",
            "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel",
            "frank", "gregory", "raymond", "patrick", "jack", "dennis", "jerry", "tyler", "aaron", "henry", "adam",
            "peter", "harry", "oliver", "noah", "liam", "ethan", "lucas", "alexander", "max", "sam", "tom", "ben",
            "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
            "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle",
            "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "laura", "sharon",
            "cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole",
            "emma", "samantha", "katherine", "christine", "rachel", "catherine", "olivia", "sophia", "sophie",
            "isabella", "ava", "mia", "charlotte", "amelia", "grace", "chloe", "lucy", "kate", "jane", "alice",
            "julia", "hannah", "victoria", "claire", "ruth", "jenny", "lily", "ella",
            // French
            "jean", "pierre", "jacques", "michel", "philippe", "alain", "nicolas", "francois", "louis", "antoine",
            "julien", "mathieu", "hugo", "arthur", "jules", "camille", "marie", "nathalie", "isabelle", "sylvie",
            "catherine", "francoise", "valerie", "sandrine", "celine", "manon", "chloe", "ines", "lea", "louise",
            "juliette", "margaux", "elodie", "aurelie", "amelie", "adele",
            // German and Dutch
            "hans", "klaus", "jurgen", "juergen", "stefan", "wolfgang", "andreas", "markus", "sebastian", "tobias",
            "florian", "felix", "lukas", "jonas", "leon", "paula", "lena", "laura", "lea", "mila", "sabine",
            "ursula", "monika", "petra", "claudia", "susanne", "andrea", "birgit", "katrin", "heike", "jan", "anke",
            "daan", "sem", "bram", "lieke", "sanne", "femke", "annemarie", "greta", "hanna", "lotte", "ingrid",
            // Hungarian
            "laszlo", "istvan", "jozsef", "janos", "zoltan", "sandor", "gabor", "ferenc", "attila", "peter",
            "tamas", "zsolt", "balazs", "bence", "mate", "levente", "adam", "daniel", "maria", "erzsebet", "ilona",
            "katalin", "eva", "zsofia", "agnes", "judit", "eszter", "reka", "dora", "viktoria", "krisztina",
            "aniko", "timea", "boglarka", "noemi",
            // Italian, Spanish, Portuguese
            "giuseppe", "giovanni", "antonio", "mario", "luigi", "francesco", "marco", "alessandro", "luca",
            "matteo", "andrea", "giulia", "francesca", "chiara", "sara", "martina", "valentina", "alessia", "jose",
            "juan", "manuel", "francisco", "carlos", "javier", "miguel", "pablo", "alejandro", "sergio", "jorge",
            "carmen", "lucia", "elena", "paula", "marta", "cristina", "ana", "isabel", "rosa", "teresa", "joao",
            "pedro", "tiago", "beatriz", "mariana",
            // Nordic and Central European
            "lars", "erik", "anders", "johan", "karl", "nils", "olof", "sven", "anne", "ingrid", "kristin", "karin",
            "astrid", "freja", "piotr", "krzysztof", "tomasz", "pawel", "agnieszka", "katarzyna", "malgorzata",
            "magdalena", "jiri", "petr", "jana", "lucie", "tereza", "ioana", "andrei", "mihai", "elena"
    ));

    private PseudonymousIds() {
    }

    /** The reason {@code id} cannot be a participant id, or empty when it can. */
    public static Optional<Refusal> check(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.of(new Refusal("id-format",
                    "must be 3 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'"));
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

    /**
     * The reason a short operational note (a key's label, a revocation reason) cannot be stored: it holds an
     * e-mail address, spelled with '@' or like an id above, or a phone number, however its digits are
     * grouped. A date ({@code 2026-06-30}) is not a phone number. Personal names are not looked for: in free
     * text nothing tells them from the names of places and machines.
     */
    public static Optional<Refusal> checkNote(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.contains("@")) {
            return Optional.of(new Refusal("not-an-email-address", "holds an e-mail address"));
        }
        for (String token : text.split("[\\s,;:()/'\"]+")) {
            if (MAIL_ADDRESS.matcher(token).matches()) {
                return Optional.of(new Refusal("not-an-email-address", "holds something like an e-mail address"));
            }
        }
        Matcher run = DIGIT_RUN.matcher(ISO_DATE.matcher(text).replaceAll(" "));
        while (run.find()) {
            if (run.group().chars().filter(Character::isDigit).count() >= 7) {
                return Optional.of(new Refusal("not-a-phone-number", "holds something like a phone number"));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code id} is a participant id this contract accepts. */
    public static boolean isPseudonymous(String id) {
        return check(id).isEmpty();
    }

    private static boolean looksLikePhoneNumber(String id) {
        if (!PHONE.matcher(id).matches()) {
            return false;
        }
        long digits = id.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15;
    }

    private static boolean looksLikeName(String id) {
        if (CAMEL_CASE_NAME.matcher(id).matches()) {
            return true;
        }
        String[] parts = id.split("[._-]+");
        if (parts.length == 1) {
            return LOWER_CASE_LETTERS.matcher(id).matches() && startsWithGivenName(id);
        }
        if (parts.length > 4 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return false;
        }
        boolean allCapitalised = Arrays.stream(parts)
                .allMatch(p -> CAPITALISED_WORD.matcher(p).matches() || INITIAL.matcher(p).matches());
        boolean hasWord = Arrays.stream(parts).anyMatch(p -> CAPITALISED_WORD.matcher(p).matches());
        if (allCapitalised && hasWord) {
            return true;
        }
        boolean allWords = Arrays.stream(parts).allMatch(p -> p.length() >= 2 && LETTERS.matcher(p).matches());
        return allWords && Arrays.stream(parts).anyMatch(p -> GIVEN_NAMES.contains(p.toLowerCase(Locale.ROOT)));
    }

    /** {@code johnsmith}: a given name followed by at least three more letters. */
    private static boolean startsWithGivenName(String id) {
        for (int end = MIN_RUN_TOGETHER_GIVEN_NAME; end <= id.length() - 3; end++) {
            if (GIVEN_NAMES.contains(id.substring(0, end))) {
                return true;
            }
        }
        return false;
    }
}
