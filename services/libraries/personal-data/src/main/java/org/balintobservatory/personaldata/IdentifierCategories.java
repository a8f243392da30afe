package org.balintobservatory.personaldata;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The identifier categories {@link IdentifierGuard} checks by their shape, one named rule each, read after the
 * guard's normalisation (percent-encoding decoded, NFKC, separators unified). Each rule is written for the
 * category, not for listed examples: a title followed by a word that is not an ordinary word, a record word
 * followed by a number, the postcode shapes of the consortium's countries, the shapes of user names, and a
 * date of birth glued to letters.
 *
 * <p>Two readings differ: an id has no spaces and its case means nothing, so a word after a title or a role
 * word is a name unless it is an ordinary word ({@link #ORDINARY_WORDS}); in a free text, where sentences use
 * role words ({@code a patient refused treatment}), a word after a role word is a name only when its case says
 * so ({@code Patient Okafor}) or it is a known name.
 *
 * <p>What these rules miss: an unlisted surname in lower case after a role word in a lower-case text
 * ({@code patient okoro}); a title run into the name ({@code drokoro}: {@code drugs} and {@code dresden}
 * start the same way); a lower-case Canadian postcode without its space ({@code a1b2c3} is a usual
 * pseudonym); a postcode of four digits alone or beside a town not on {@link #TOWNS}. What they refuse that
 * could be innocent: two words joined by a dot in an id when neither is on {@link #ORDINARY_WORDS} or
 * {@link #TECHNICAL_WORDS} ({@code rhine.valley}); a capitalised word not on that list after a role word in a sentence
 * ({@code the Patient Liaison Office} passes, {@code Patient Ombudsman} does not); a full date of a birth
 * year written as eight digits or glued to letters; {@code 12-345} standing alone in a text (a Polish
 * postcode's shape).
 */
final class IdentifierCategories {

    /** Where a value is read. */
    enum Field { ID, TEXT }

    /**
     * One category of identifier.
     *
     * @param name  the category, as the documentation and the corpus name it
     * @param rule  the refusal rule reported to the client, one of the guard's rules
     * @param what  what the value holds, for the client's developers
     * @param holds whether a normalised value holds one
     */
    record Category(String name, String rule, String what, BiPredicate<String, Field> holds) {
    }

    /** Every category, in the order they are checked. */
    static final List<Category> ALL = List.of(
            new Category("title-and-name", "not-a-personal-name", "holds a title or a role word before a name",
                    IdentifierCategories::titleAndName),
            new Category("record-number", "not-a-national-number", "holds a patient or record number",
                    IdentifierCategories::recordNumber),
            new Category("postcode-by-country", "not-a-postcode", "holds a postcode",
                    IdentifierCategories::postcode),
            new Category("user-name", "not-a-personal-name", "holds something like a user name",
                    IdentifierCategories::userName),
            new Category("affixed-date-of-birth", "not-a-date-of-birth", "holds something like a date of birth",
                    IdentifierCategories::affixedDateOfBirth));

    /** At most this many rounds of percent-decoding: {@code %2540} is {@code %40} is {@code @}. */
    static final int MAX_DECODING_ROUNDS = 4;

    private IdentifierCategories() {
    }

    /** The first category {@code value} (already normalised) falls in. */
    static Optional<Category> first(String value, Field field) {
        return ALL.stream().filter(c -> c.holds().test(value, field)).findFirst();
    }

    // --- reading -------------------------------------------------------------------------------------------

    private static final Pattern PERCENT = Pattern.compile("(%[0-9A-Fa-f]{2})+");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7});");

    /**
     * The value as a browser or a spreadsheet would show it: percent-encoding decoded (repeatedly, at most
     * {@value #MAX_DECODING_ROUNDS} rounds, as UTF-8; a sequence that is not UTF-8 stays as written), numeric
     * HTML entities decoded, and dashes, middle dots and the like read as {@code -} and {@code .}.
     */
    static String decode(String value) {
        String read = value;
        for (int round = 0; round < MAX_DECODING_ROUNDS && (read.indexOf('%') >= 0 || read.indexOf("&#") >= 0);
             round++) {
            String next = decodeEntities(decodePercent(read));
            if (next.equals(read)) {
                break;
            }
            read = next;
        }
        return unifySeparators(read);
    }

    private static String decodePercent(String value) {
        Matcher m = PERCENT.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            byte[] bytes = new byte[run.length() / 3];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(run.substring(3 * i + 1, 3 * i + 3), 16);
            }
            String decoded = strictUtf8(bytes);
            m.appendReplacement(out, Matcher.quoteReplacement(decoded == null ? run : decoded));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static String decodeEntities(String value) {
        Matcher m = NUMERIC_ENTITY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String code = m.group(1);
            int cp = code.startsWith("x") ? Integer.parseInt(code.substring(1), 16) : Integer.parseInt(code);
            m.appendReplacement(out, Character.isValidCodePoint(cp)
                    ? Matcher.quoteReplacement(new String(Character.toChars(cp))) : "");
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\u2043\\uFE58\\uFE63\\uFF0D]");
    private static final Pattern DOTS = Pattern.compile("[\\u00B7\\u2022\\u2027\\u2219\\u22C5\\u30FB]");
    private static final Pattern APOSTROPHES = Pattern.compile("[\\u2018\\u2019\\u02BC\\u0060\\u00B4]");

    /** Hyphens and dashes of every script read as {@code -}, dots and bullets between words as {@code .}. */
    private static String unifySeparators(String value) {
        if (value.chars().allMatch(c -> c < 0x80)) {
            return value;
        }
        return APOSTROPHES.matcher(DOTS.matcher(DASHES.matcher(value).replaceAll("-")).replaceAll("."))
                .replaceAll("'");
    }

    // --- title-and-name ------------------------------------------------------------------------------------

    /** Titles that are followed by a name: any word after one, unless an ordinary word, is a name. */
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "mx", "dr", "drs", "prof", "herr", "frau",
            "mme", "mlle", "mevr", "mevrouw", "dhr", "dott", "dottssa", "sra", "srta", "sigra", "monsieur", "madame",
            "mademoiselle", "signora", "senora", "dame", "doktor", "docteur", "dottore", "dottoressa", "professor",
            "professeur");
    /** Titles and role words that are also ordinary words: a name after them must show itself as one. */
    private static final Set<String> ROLE_WORDS = Set.of("miss", "sir", "sr", "pr", "sig", "signor", "senor", "pt",
            "patient", "patients", "patiente", "patientin", "patienten", "paciente", "paziente", "patient's",
            "client", "cliente", "klient", "klientin", "resident", "bewohner", "bewohnerin");
    /** Parts of a name that stand before it: {@code Dr van der Berg}, {@code Mme de La Tour}. */
    private static final Set<String> NAME_PARTICLES = Set.of("van", "von", "de", "der", "den", "di", "da", "du",
            "del", "della", "le", "la", "ter", "ten", "vander", "zu", "dos", "das", "do", "bin", "ibn", "al", "el");
    /** Degrees and further titles between a title and the name: {@code Prof. Dr. med. Anna Schmidt}. */
    private static final Set<String> DEGREES = Set.of("med", "rer", "nat", "phil", "habil", "dent", "vet", "hc",
            "jur", "oec", "ing", "dipl", "phd", "md", "mph", "msc", "bsc", "frcp", "frcgp", "mrcgp", "univ", "mult",
            "psych", "sc", "h", "c");
    /** {@code Dott.ssa} and {@code Sig.ra}, read as one word. */
    private static final Pattern JOINED_TITLE = Pattern.compile("(?i)\\b(dott|sig)\\.(ssa|ra)\\b");
    /** A token of a text made of words joined as an id joins them: {@code patient-okafor}, {@code dr.house}. */
    private static final Pattern JOINED_TOKEN = Pattern.compile("(?<![\\p{L}\\p{N}._-])[\\p{L}]+(?:[._-][\\p{L}]+)+"
            + "(?![\\p{L}\\p{N}._-])");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+(?:'[\\p{L}\\p{M}]+)*");
    private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{Ll}\\p{M}]+(?:['-]\\p{Lu}?[\\p{Ll}\\p{M}]+)*");
    private static final Pattern UPPER = Pattern.compile("[\\p{Lu}\\p{M}]{2,}(?:'[\\p{Lu}\\p{M}]+)*");

    /**
     * A title or a role word followed by a name. Refused: {@code Mrs O'Brien}, {@code DR. GREGORY HOUSE},
     * {@code Dr. med. Anna Schmidt}, {@code Mevr. de Vries}, {@code Patient Okafor}, {@code the patient
     * Nakamura}, {@code pt J. Kowalski}, {@code dr.house}, {@code mrs-obrien}, {@code patient-okafor}. Passed:
     * {@code GP training (Dr-led)}, {@code Patient safety and Balint work}, {@code a patient refused
     * treatment}, {@code Resident Balint Group}, {@code Patient X}.
     */
    static boolean titleAndName(String value, Field field) {
        String s = JOINED_TITLE.matcher(value).replaceAll("$1$2");
        if (field == Field.TEXT && JOINED_TOKEN.matcher(s).results()
                .anyMatch(token -> titleAndName(token.group(), Field.ID))) {
            return true; // patient-okafor inside a text is read as the id it is
        }
        List<Token> words = words(s);
        boolean mixedCase = field == Field.TEXT && hasMixedCase(s);
        boolean caseSignals = mixedCase && (words.size() <= 3 || hasLowerCaseWord(words));
        for (int i = 0; i < words.size() - 1; i++) {
            Token title = words.get(i);
            String lower = lower(title.text());
            boolean strong = TITLES.contains(lower);
            if (!strong && !ROLE_WORDS.contains(lower)) {
                continue;
            }
            // in capitals inside a text that is not, a title is an abbreviation (MS Society, PT team) unless
            // the name after it is in capitals too (DR. GREGORY HOUSE)
            if (mixedCase && isShouting(title.text()) && (!strong || !isShouting(words.get(i + 1).text()))) {
                continue;
            }
            if (!s.substring(title.end(), words.get(i + 1).start()).matches("\\.?[\\s._:,#-]*")) {
                continue;
            }
            int j = i + 1;
            while (j < words.size() - 1 && (DEGREES.contains(lower(words.get(j).text()))
                    || TITLES.contains(lower(words.get(j).text()))
                    || strong && NAME_PARTICLES.contains(lower(words.get(j).text())))) {
                j++;
            }
            Token candidate = words.get(j);
            Token next = j + 1 < words.size() ? words.get(j + 1) : null;
            // in a text with capitals, a title before a word in lower case is not one before a name (Dr-led)
            boolean lowerAfterTitle = mixedCase && candidate.text().equals(lower(candidate.text()))
                    && !isKnownName(candidate.text());
            if (!lowerAfterTitle && namesAfterTitle(candidate, next, strong, field == Field.ID, caseSignals)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code word}, after a title ({@code strong}) or a role word, is a name. After a title a known
     * name counts even when it is also an ordinary word ({@code Dr House}); after a role word in a text, only
     * a capitalised word in a text whose case carries meaning ({@code caseSignals}: not all one case, not
     * every word capitalised), a known name or a surname's shape.
     */
    private static boolean namesAfterTitle(Token word, Token next, boolean strong, boolean inId, boolean caseSignals) {
        String text = word.text();
        String lower = lower(text);
        boolean anyWord = strong || inId;
        if (text.length() == 1) {
            // an initial is a name only with a surname after it: Patient J. Smith, not Patient X
            return next != null && next.start() - word.end() <= 2 && next.text().length() > 1
                    && !isOrdinary(next.text()) && (anyWord || isKnownName(next.text()) || caseSignals
                    && CAPITALISED.matcher(next.text()).matches());
        }
        if (DEGREES.contains(lower) || TITLES.contains(lower) || ROLE_WORDS.contains(lower)) {
            return false;
        }
        if (strong && isKnownName(text)) {
            return true;
        }
        if (isOrdinary(text)) {
            return false;
        }
        if (anyWord || isKnownName(text) || looksLikeSurname(lower)) {
            return true;
        }
        return caseSignals && (CAPITALISED.matcher(text).matches() || UPPER.matcher(text).matches());
    }

    /** Whether a text has a lower-case word of three or more letters: then a capital means a name. */
    private static boolean hasLowerCaseWord(List<Token> words) {
        return words.stream().map(Token::text).anyMatch(w -> w.length() >= 3 && w.equals(lower(w)));
    }

    // --- record-number -------------------------------------------------------------------------------------

    private static final String NUMBER_WORD = "(no|nr|num|number|nummer|numero|n°|n|#|id|ident|identifier|ref"
            + "|reference|nb|code)";
    /** Words a record number follows only with a number word: {@code case no 4711}, not {@code case-0042}. */
    private static final Pattern RECORD_WITH_NUMBER_WORD = Pattern.compile("(?i)(?<![a-z])(patient|patienten|pat|pt"
            + "|client|record|rec|case|chart|file|fall|akte|dossier|cartella|historia|hospital|hosp|health|medical"
            + "|mrn|nhs|chi|urn|insurance|versicherten|versicherung|member|beneficiary)"
            + "[\\s._:#/-]*" + NUMBER_WORD + "(?![a-z])[\\s._:#/-]*[a-z]{0,3}[\\s._:#/-]*(\\d[\\d\\s./-]*\\d)");
    /** Words that name a record number by themselves: {@code MRN 4711}, {@code NHC-20931}. */
    private static final Pattern RECORD_WORD = Pattern.compile("(?i)(?<![a-z])(mrn|mrno|urn|umrn|nhs|chi|nhc"
            + "|medrec|ipp|nip|epd|emr|ehr|ur|urno|dossier|akte|fallnummer|patientennummer|patientnummer|patnr|hospno"
            + "|recno|caseno|krankenblatt)[\\s._:#/-]*[a-z]{0,2}[\\s._:#/-]*(\\d[\\d\\s./-]*\\d)");
    /** Role words followed by a number long enough not to be an ordinal or a year: {@code patient-48213}. */
    private static final Pattern ROLE_NUMBER = Pattern.compile(
            "(?i)(?<![a-z])(patient|patiente|patientin|paciente|paziente|pat|pt|client|klient)[\\s._:#/-]*(\\d{4,})"
                    + "(?!\\d)");

    /**
     * A patient or record number after the word that names it. Refused: {@code MRN 4711}, {@code NHS no
     * 4857773456}, {@code patient id 20931}, {@code record no. 00123}, {@code case no 4711},
     * {@code Fallnummer 8812}, {@code patient-48213}. Passed: {@code case-0042}, {@code case 3},
     * {@code patient-2026}.
     */
    static boolean recordNumber(String s, Field field) {
        Matcher named = RECORD_WITH_NUMBER_WORD.matcher(s);
        while (named.find()) {
            if (digits(named.group(named.groupCount())) >= 3) {
                return true;
            }
        }
        Matcher word = RECORD_WORD.matcher(s);
        while (word.find()) {
            if (digits(word.group(word.groupCount())) >= 4) {
                return true;
            }
        }
        Matcher role = ROLE_NUMBER.matcher(s);
        while (role.find()) {
            String number = role.group(2);
            if (number.length() > 4 || !isYear(number)) {
                return true;
            }
        }
        return false;
    }

    // --- postcode-by-country -------------------------------------------------------------------------------

    /** UK in any case; the inward part is never an ordinal ({@code s1-2nd}). */
    private static final Pattern UK = Pattern.compile("(?i)(?<![a-z0-9])([a-pr-uwyz][a-hk-y]?\\d[a-z\\d]?)[\\s._-]?"
            + "(\\d[abd-hjlnp-uw-z]{2})(?![a-z0-9])");
    /** Canada in any case with its space or hyphen ({@code k1a 0b1}); without one only in capitals. */
    private static final Pattern CANADA = Pattern.compile("(?i)(?<![a-z0-9])[abceghj-nprstvxy]\\d[abceghj-nprstv-z]"
            + "[\\s._-]\\d[abceghj-nprstv-z]\\d(?![a-z0-9])");
    /** Ireland's Eircode in any case with its space ({@code d02 x285}). */
    private static final Pattern EIRCODE = Pattern.compile("(?i)(?<![a-z0-9])[ac-fhknprtv-y]\\d{2}[\\s._-]"
            + "(?=[a-z0-9]{0,3}[a-z])[ac-fhknprtv-y0-9]{4}(?![a-z0-9])");
    /** The Netherlands: four digits and two letters, with or without a space. */
    private static final Pattern DUTCH = Pattern.compile("(?i)(?<![a-z0-9])([1-9]\\d{3})(\\s?)([a-z]{2})(?![a-z0-9])");
    /** A country prefix before its country's postcode: {@code D-10115}, {@code CH-8001}, {@code pl-00-950}. */
    private static final Pattern PREFIXED = Pattern.compile("(?<![A-Za-z0-9])(?:"
            + "(?:(?:AT|BE|CH|DK|NO|NL|HU|LU|AU)[\\s-]|(?:at|be|ch|dk|no|nl|hu|lu|au)-)(?<four>\\d{4})"
            + "|(?:(?:D|F|I|E|DE|FR|IT|ES|FI|US)[\\s-]|(?:de|fr|it|es|fi|us)-)\\d{5}"
            + "|(?:(?:S|SE|CZ|SK)[\\s-]|(?:se|cz|sk)-)\\d{3}\\s?\\d{2}"
            + "|(?i:pl)[\\s-]\\d{2}-\\d{3}"
            + "|(?i:pt)[\\s-]\\d{4}-\\d{3})(?![0-9])");
    /** A postcode before a town: {@code 10115 Berlin}, {@code 00-950 Warszawa}, {@code 114 55 Stockholm}. */
    private static final Pattern BEFORE_TOWN = Pattern.compile("(?<![0-9A-Za-z])(?<code>\\d{5}|\\d{4}|\\d{3}\\s\\d{2}"
            + "|\\d{2}-\\d{3}|\\d{4}-\\d{3})[\\s,._-]+(?<town>[\\p{L}\\p{M}]+(?:[\\s-][\\p{L}\\p{M}]+)?)");
    /** A town before its postcode: {@code Paris 75013}, {@code Wien 1010}. */
    private static final Pattern AFTER_TOWN = Pattern.compile("(?<town>[\\p{L}\\p{M}]+)[\\s,._-]+(?<code>\\d{4,5})"
            + "(?![0-9])");
    /** A US state or an Australian state before its code: {@code NY 10001}, {@code NSW 2000}. */
    private static final Pattern STATE = Pattern.compile("(?<![A-Za-z])(?:(?:AL|AK|AZ|AR|CA|CO|CT|DC|DE|FL|GA|HI|ID"
            + "|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA"
            + "|WA|WV|WI|WY)\\s\\d{5}(?:-\\d{4})?|(?:(?i:nsw|vic|qld|tas)|SA|WA|NT|ACT)\\s\\d{4})(?![0-9])");
    /** In a text, Poland's and Portugal's codes standing alone: {@code 00-950}, {@code 1000-001}. */
    private static final Pattern STANDALONE = Pattern.compile("(?<![\\w./-])(\\d{2}|\\d{4})-\\d{3}(?![\\w./-])");
    /** A word that names the postcode after it: {@code Postleitzahl 10115}, {@code kod pocztowy 00-950}. */
    private static final Pattern POSTCODE_WORD = Pattern.compile("(?i)(?<![a-z])(post[\\s._-]?code|postal[\\s._-]?"
            + "code|postleitzahl|plz|zip([\\s._-]?code)?|code[\\s._-]?postal|c[oó]digo[\\s._-]?postal|cp|cap"
            + "|postnummer|postnr|postinumero|kod[\\s._-]?pocztowy|eircode|irsz|psc|cep)(?![a-z])[\\s._:#-]*"
            + "(\\d{4,}|\\d{2}-\\d{3}|\\d{3}\\s\\d{2}|[a-z]{1,2}\\d[a-z0-9]?[\\s._-]?\\d[a-z]{2}"
            + "|[a-z]\\d{2}[\\s-]?[a-z0-9]{4}|[a-z]\\d[a-z][\\s-]?\\d[a-z]\\d)(?![a-z0-9])");

    /**
     * A postcode of one of the consortium's countries (its programmes' {@code country}: GB, NL, DE, FR, BE, IE,
     * US, CA, AU, CH, AT, DK, SE, NO, PL, ES, IT, PT, HU and others) in its usual spellings. Refused:
     * {@code sw1a1aa}, {@code ec1a-1bb}, {@code 1012 AB Amsterdam}, {@code 1012ab}, {@code 10115 Berlin},
     * {@code D-10115}, {@code ch-8001}, {@code 00-950 Warszawa}, {@code 114 55 Stockholm}, {@code NY 10001},
     * {@code NSW 2000}, {@code k1a 0b1}, {@code d02 x285}. Passed: {@code Balint groups 2026 Berlin},
     * {@code Cohort 2025/26}, {@code grp-2026-a}, {@code room 101, building 4}, {@code a1b2c3}.
     */
    static boolean postcode(String s, Field field) {
        Matcher uk = UK.matcher(s);
        while (uk.find()) {
            // s1 2nd, y1 3rd: a short outward part before an ordinal is a year and a term, not a postcode
            if (!(uk.group(1).length() == 2 && uk.group(2).substring(1).matches("(?i)st|nd|rd|th"))) {
                return true;
            }
        }
        if (CANADA.matcher(s).find() || EIRCODE.matcher(s).find() || STATE.matcher(s).find()
                || POSTCODE_WORD.matcher(s).find()) {
            return true;
        }
        Matcher prefixed = PREFIXED.matcher(s);
        while (prefixed.find()) {
            if (prefixed.group("four") == null || !isYear(prefixed.group("four"))) {
                return true;
            }
        }
        Matcher dutch = DUTCH.matcher(s);
        while (dutch.find()) {
            String letters = dutch.group(3);
            boolean capitals = letters.equals(letters.toUpperCase(Locale.ROOT));
            boolean joined = dutch.group(2).isEmpty();
            if (!letters.matches("(?i)sa|sd|ss") && (capitals && (joined || !isYear(dutch.group(1)))
                    || joined && !isYear(dutch.group(1)) || townFollows(s, dutch.end()))) {
                return true;
            }
        }
        Matcher before = BEFORE_TOWN.matcher(s);
        while (before.find()) {
            String code = before.group("code");
            String town = before.group("town");
            boolean isTown = isTown(town) || isTown(town.split("[\\s-]")[0]);
            if (code.length() == 4 && isYear(code)) {
                continue;
            }
            if (isTown || code.length() != 4 && field == Field.TEXT && CAPITALISED.matcher(town.split("[\\s-]")[0])
                    .matches() && !isOrdinary(town.split("[\\s-]")[0])) {
                return true;
            }
        }
        Matcher after = AFTER_TOWN.matcher(s);
        while (after.find()) {
            if (isTown(after.group("town")) && !isYear(after.group("code"))) {
                return true;
            }
        }
        if (whole(s, "\\d{2}-\\d{3}|\\d{4}-\\d{3}|\\d{3}\\s\\d{2}") && !isYear(s.substring(0, 4).replace("-", ""))) {
            return true;
        }
        Matcher standalone = STANDALONE.matcher(s);
        while (standalone.find()) {
            if (!isYear(standalone.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern TOWN_AFTER = Pattern.compile("^[\\s,._-]+([\\p{L}\\p{M}]+)");

    private static boolean townFollows(String s, int from) {
        Matcher town = TOWN_AFTER.matcher(s.substring(from));
        return town.find() && (isTown(town.group(1))
                || CAPITALISED.matcher(town.group(1)).matches() && !isOrdinary(town.group(1)));
    }

    private static boolean whole(String s, String regex) {
        return s.strip().matches(regex);
    }

    // --- user-name -----------------------------------------------------------------------------------------

    /** An initial and a surname: {@code a.kowalska}, {@code j_smith}, {@code AKowalska} is left to the name rule. */
    private static final Pattern INITIAL_SURNAME = Pattern.compile("(?i)([a-z]{1,2})[._]([a-z]{3,})\\d{0,4}");
    private static final Set<String> NOT_INITIALS = Set.of("st", "mt", "ft", "dr", "mr", "ms");
    /** Two words joined as an address's local part joins them: {@code anna.kowalska}, {@code zofia_wrobel85}. */
    private static final Pattern TWO_WORDS = Pattern.compile("(?i)([a-z]{2,})[._]([a-z]{2,})\\d{0,4}");
    /** A word that names the handle after it: {@code username jdoe85}, {@code twitter: @jdoe}. */
    private static final Pattern HANDLE = Pattern.compile("(?i)(?<![a-z])(user[\\s._-]?name|user[\\s._-]?id|login"
            + "|handle|nickname|twitter|instagram|insta|tiktok|linkedin|github|skype|telegram|snapchat|discord"
            + "|mastodon|facebook|whatsapp)(?![a-z])[\\s:=._/-]*@?[a-z][a-z0-9._-]{2,}");
    /** A handle: {@code @jdoe}, {@code @a.kowalska}. */
    private static final Pattern AT_HANDLE = Pattern.compile("(?i)(?<![a-z0-9])@[a-z][a-z0-9._]{2,}");

    /**
     * The shapes of user names and handles. Refused: {@code a.kowalska}, {@code j_smith}, {@code anna.kowalska},
     * {@code zofia.wrobel85}, {@code dr.house} (also a title), {@code username jdoe85}, {@code @jdoe}. Passed:
     * {@code x.y.z}, {@code stud.2026.17}, {@code g-tuesday}, {@code s.alpha}, {@code cohort.b-07}.
     */
    static boolean userName(String s, Field field) {
        if (HANDLE.matcher(s).find() || AT_HANDLE.matcher(s).find()) {
            return true;
        }
        List<String> candidates = field == Field.ID
                ? Stream.concat(Stream.of(s), Arrays.stream(s.split("-+"))).toList()
                : Arrays.stream(s.split("[\\s,;:()\\[\\]{}/\"!?&*+=|]+")).map(t -> t.replaceAll("^[._-]+|[._-]+$", ""))
                .toList();
        for (String part : candidates) {
            Matcher initial = INITIAL_SURNAME.matcher(part);
            // St.Gallen and Mt.Sinai are places; dr.house and mr.x are left to the title rule
            if (initial.matches() && !NOT_INITIALS.contains(lower(initial.group(1)))
                    && plausibleSurname(initial.group(2)) && (field == Field.ID || part.equals(lower(part))
                    || CAPITALISED.matcher(initial.group(2)).matches())) {
                return true;
            }
            Matcher two = TWO_WORDS.matcher(part);
            // joined by a dot, as an address joins them, any two words that are not ordinary ones; joined by an
            // underscore, as constants are written too (SUBSTANCE_USE), only with a name among them
            if (two.matches() && !DEGREES.contains(lower(two.group(1))) && plausibleGivenName(two.group(1))
                    && plausibleSurname(two.group(2)) && (part.contains(".") || isKnownName(two.group(1))
                    || isKnownName(two.group(2)) || looksLikeSurname(lower(two.group(2))))) {
                return true;
            }
        }
        return false;
    }

    private static boolean plausibleSurname(String word) {
        return word.length() >= 3 && plausibleNamePart(word);
    }

    private static boolean plausibleGivenName(String word) {
        return word.length() >= 2 && plausibleNamePart(word);
    }

    /** Not an ordinary or a technical word, not a town, written as a name is (not camelCase), with a vowel. */
    private static boolean plausibleNamePart(String word) {
        String lower = lower(word);
        return !isOrdinary(lower) && !isTown(lower) && !TECHNICAL_WORDS.contains(lower) && VOWEL.matcher(lower).find()
                && (word.equals(lower) || CAPITALISED.matcher(word).matches() || UPPER.matcher(word).matches());
    }

    private static final Pattern VOWEL = Pattern.compile("[aeiouy]");
    /**
     * Words of file names, host names and settings, which are joined by dots as user names are
     * ({@code bundle.zip}, {@code redcap.prod}, {@code scores.total}).
     */
    static final Set<String> TECHNICAL_WORDS = Set.copyOf(List.of("zip", "json", "csv", "xlsx", "xls", "txt", "pdf",
            "html", "htm", "xml", "yml", "yaml", "md", "log", "properties", "jar", "war", "ico", "png", "svg", "js",
            "css", "java", "sh", "py", "ndjson", "tsv", "gz", "tar", "com", "org", "net", "edu", "gov", "io", "dev",
            "prod", "production", "staging", "stage", "test", "local", "internal", "example", "api", "app", "web",
            "db", "sftp", "ftp", "http", "https", "www", "mail", "smtp", "server", "servers", "host", "hosts",
            "port", "url", "uri", "key", "keys", "seed", "policy", "roles", "dirs", "threads", "listeners",
            "partitions", "memory", "cpu", "limits", "requests", "total", "status", "name", "arch", "type",
            "method", "format", "registry", "image", "config", "settings", "id", "ids", "base", "version", "sync",
            "export", "import", "backup", "etl", "redcap", "lms", "moodle", "canvas", "sso", "auth", "token",
            "data", "file", "files", "error", "errors", "stats", "statistic", "metrics", "score", "scores",
            "items", "item", "scale", "scales", "mapping", "design", "detail", "details", "object", "manifest",
            "kafka", "bootstrap", "cleanup", "advertised", "num", "os", "process", "unused", "infrastructure",
            "dashboard", "fault", "injection", "hostile", "robust", "missing", "meta", "outlook", "gmail",
            "primary", "replica", "cluster", "node", "nodes", "queue", "topic", "topics", "schema", "table",
            "index", "cache", "proxy", "gateway", "ingest", "feed", "hook", "webhook", "cron", "job", "jobs"));

    // --- affixed-date-of-birth -----------------------------------------------------------------------------

    private static final Pattern EIGHT_DIGITS = Pattern.compile("(?<![0-9])(\\d{8})(?![0-9])");
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(?<![0-9])(\\d{1,2})([._/-])(\\d{1,2})\\2((?:19|20)\\d{2})(?![0-9])");
    private static final Pattern GLUED_ISO = Pattern.compile(
            "(?i)(?:[a-z]((?:19|20)\\d{2})([._/-]?)(\\d{2})\\2(\\d{2})(?![0-9])"
                    + "|(?<![0-9])((?:19|20)\\d{2})([._/-]?)(\\d{2})\\6(\\d{2})[a-z])");

    /**
     * A full date whose year is a birth year ({@value IdentifierGuard#MIN_AGE_YEARS} or more years ago), written
     * as a form or a record system writes a date of birth into an id: eight digits ({@code b19850312},
     * {@code 12031985x}, {@code p-19850312}), day first ({@code x-12.03.1985}, {@code 12-03-1985}), or glued to
     * letters ({@code b1985-03-12}, {@code 1985-03-12x}). Passed: {@code s-2026-03-03}, {@code fix-2026-03-05},
     * {@code r-000000123}, an ISO date of a session in an id ({@code s-2009-03-03}).
     */
    static boolean affixedDateOfBirth(String s, Field field) {
        Matcher eight = EIGHT_DIGITS.matcher(s);
        while (eight.find()) {
            String d = eight.group(1);
            if (birthDate(d.substring(0, 4), d.substring(4, 6), d.substring(6, 8))
                    || birthDate(d.substring(4, 8), d.substring(2, 4), d.substring(0, 2))
                    || birthDate(d.substring(4, 8), d.substring(0, 2), d.substring(2, 4))) {
                return true;
            }
        }
        Matcher dayFirst = DAY_FIRST.matcher(s);
        while (dayFirst.find()) {
            if (birthDate(dayFirst.group(4), dayFirst.group(3), dayFirst.group(1))
                    || birthDate(dayFirst.group(4), dayFirst.group(1), dayFirst.group(3))) {
                return true;
            }
        }
        Matcher glued = GLUED_ISO.matcher(s);
        while (glued.find()) {
            boolean before = glued.group(1) != null;
            if (before ? birthDate(glued.group(1), glued.group(3), glued.group(4))
                    : birthDate(glued.group(5), glued.group(7), glued.group(8))) {
                return true;
            }
        }
        return false;
    }

    private static boolean birthDate(String year, String month, String day) {
        int y = Integer.parseInt(year);
        int m = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        int latest = LocalDate.now(ZoneOffset.UTC).getYear() - IdentifierGuard.MIN_AGE_YEARS;
        return y >= 1900 && y <= latest && m >= 1 && m <= 12 && d >= 1 && d <= 31;
    }

    // --- shared --------------------------------------------------------------------------------------------

    private record Token(String text, int start, int end) {
    }

    private static List<Token> words(String s) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            tokens.add(new Token(m.group(), m.start(), m.end()));
        }
        return tokens;
    }

    private static boolean hasMixedCase(String s) {
        return s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase);
    }

    /** A word in capitals inside a text that is not all capitals: an abbreviation ({@code MS}), not a title. */
    private static boolean isShouting(String word) {
        return word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
    }

    private static boolean isKnownName(String word) {
        String lower = plain(word);
        return IdentifierGuard.GIVEN_NAMES.contains(lower) || IdentifierGuard.SURNAMES.contains(lower);
    }

    /** Endings and beginnings that mark a surname in the consortium's languages: Kowalska, O'Brien, McLeod. */
    private static final Pattern SURNAME_SHAPE = Pattern.compile("(?i)(o'|mc|mac|fitz|d')[a-z]{2,}.*"
            + "|o'?(brien|connor|connell|donnell|neill|reilly|sullivan|keeffe|mahony|leary|hara|driscoll|callaghan)"
            + "|[a-z]{2,}(ska|ski|cka|cki|dzki|dzka|wicz|czyk|czak|ova|owa|enko|escu|eanu|opoulos|opoulou|idis|akis"
            + "|oglu|sson|sen|stein|berg|mann|bauer|huber|ini|elli|etti|ucci|ovic|evic|ic|aite|iene|yte)");

    private static boolean looksLikeSurname(String lower) {
        return SURNAME_SHAPE.matcher(plain(lower)).matches();
    }

    private static boolean isYear(String digits) {
        return digits.matches("(19|20)\\d{2}");
    }

    private static int digits(String s) {
        return (int) s.chars().filter(Character::isDigit).count();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Lower case without accents; most words are ASCII already and skip the Unicode work. */
    private static String plain(String word) {
        return lower(word.chars().allMatch(c -> c < 0x80) ? word : IdentifierGuard.fold(word));
    }

    static boolean isOrdinary(String word) {
        String plain = plain(word);
        return ORDINARY_WORDS.contains(plain.endsWith("'s") ? plain.substring(0, plain.length() - 2) : plain);
    }

    static boolean isTown(String word) {
        return TOWNS.contains(plain(word));
    }

    /**
     * Words that follow a title or a role word, or make up ids, without naming anyone: function words of the
     * consortium's languages, and the vocabulary of programme names, group ids and case themes.
     */
    static final Set<String> ORDINARY_WORDS = Set.copyOf(List.of(
            // function words
            "the", "a", "an", "and", "or", "of", "for", "in", "on", "at", "to", "with", "without", "by", "from", "as",
            "is", "are", "was", "were", "be", "who", "whom", "whose", "that", "this", "these", "those", "not", "no",
            "all", "any", "each", "every", "one", "two", "three", "first", "second", "third", "new", "old", "own",
            "our", "their", "his", "her", "its", "my", "your", "about", "after", "before", "during", "into", "over",
            "under", "between", "per", "via", "vs", "etc", "who's", "has", "had", "have", "may", "can", "will", "did",
            "does", "do", "if", "when", "where", "how", "what", "which", "why", "than", "then", "also", "only", "more",
            "most", "less", "very", "too", "so", "but", "yet", "still", "again", "alone", "asked", "said", "says",
            "und", "oder", "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "mit", "ohne",
            "fur", "im", "am", "zum", "zur", "von", "vom", "bei", "nach", "aus", "auf", "uber", "unter", "ist",
            "sind", "wird", "hat", "le", "la", "les", "et", "ou", "de", "du", "en", "avec", "sans", "pour", "sur",
            "dans", "par", "un", "une", "au", "aux", "est", "qui", "que", "el", "los", "las", "y", "con", "sin",
            "para", "por", "del", "al", "es", "il", "lo", "gli", "e", "di", "da", "con", "per", "nel", "nella",
            "della", "dei", "delle", "het", "een", "van", "voor", "met", "op", "bij", "naar", "zonder", "och", "med",
            "for", "av", "og", "til", "af", "och", "som", "pa", "i", "z", "w", "na", "do", "dla", "oraz", "es", "az",
            "egy", "o", "os", "as", "um", "uma", "em", "no", "na", "ao", "dos", "das",
            // what follows a role word in programme names and case themes
            "safety", "care", "centred", "centered", "centredness", "centeredness", "experience", "experiences",
            "education", "engagement", "involvement", "participation", "voice", "voices", "feedback", "journey",
            "journeys", "story", "stories", "narrative", "narratives", "perspective", "perspectives", "relationship",
            "relationships", "relations", "communication", "consultation", "consultations", "encounter",
            "encounters", "contact", "group", "groups", "wellbeing", "wellness", "welfare", "support", "training",
            "trainee", "trainees", "doctor", "doctors", "physician", "physicians", "nurse", "nurses", "nursing",
            "staff", "team", "teams", "year", "years", "programme", "program", "programmes", "programs", "rotation",
            "rotations", "led", "lead", "leads", "leader", "leaders", "leadership", "run", "facilitated",
            "supervised", "guided", "based", "focused", "focus", "forum", "network", "council", "panel", "board",
            "committee", "association", "society", "partners", "partnership", "advocacy", "advocate", "rights",
            "satisfaction", "outcomes", "outcome", "reported", "reports", "report", "records", "record", "data",
            "information", "portal", "access", "flow", "pathway", "pathways", "referral", "referrals", "transfer",
            "handover", "discharge", "admission", "admissions", "visit", "visits", "review", "reviews", "survey",
            "surveys", "questionnaire", "questionnaires", "interview", "interviews", "session", "sessions",
            "meeting", "meetings", "work", "workshop", "workshops", "seminar", "seminars", "course", "courses",
            "module", "modules", "series", "cohort", "cohorts", "class", "wave", "arm", "control", "comparison",
            "intervention", "pilot", "study", "studies", "research", "project", "projects", "initiative",
            "service", "services", "unit", "units", "ward", "wards", "clinic", "clinics", "practice", "practices",
            "surgery", "home", "homes", "house", "houses", "hall", "halls", "life", "living", "quality", "dignity",
            "autonomy", "consent", "choice", "choices", "preference", "preferences", "needs", "need", "demand",
            "demands", "complaint", "complaints", "conflict", "conflicts", "aggression", "violence", "safeguarding",
            "abuse", "death", "dying", "grief", "loss", "bereavement", "illness", "disease", "pain", "fear",
            "anger", "shame", "guilt", "trust", "hope", "uncertainty", "boundaries", "boundary", "gifts", "error",
            "errors", "harm", "risk", "risks", "crisis", "suicide", "suicidality", "refused", "refuses", "refusing",
            "declined", "declines", "died", "dies", "complained", "complains", "asks", "wants", "wanted", "demanded",
            "threatened", "cried", "called", "came", "comes", "left", "returned", "returns", "presented",
            "presents", "reported", "reports", "felt", "feels", "family", "families", "relatives", "carers",
            "carer", "caregivers", "caregiver", "parents", "children", "child", "partner", "spouse", "doctor's",
            "x", "y", "z", "a", "b", "c", "zero", "mental", "health", "physical", "chronic", "acute", "primary",
            "secondary", "general", "family", "medicine", "medical", "clinical", "psychosomatic", "psychiatric",
            "psychiatry", "psychology", "palliative", "oncology", "paediatric", "pediatric", "geriatric", "elderly",
            "older", "young", "adult", "adults", "junior", "senior", "registrar", "registrars", "consultant",
            "consultants", "intern", "interns", "internship", "residency", "residents", "fellow", "fellows",
            "fellowship", "student", "students", "gp", "gps", "day", "days", "week", "weeks", "month", "months",
            "morning", "afternoon", "evening", "night", "weekly", "monthly", "fortnightly", "biweekly",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
            "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
            "sept", "oct", "nov", "dec", "spring", "summer", "autumn", "fall", "winter", "term", "semester",
            "balint", "balints", "development", "professional", "personal", "reflection", "reflective", "ethics",
            "humanities", "skills", "values", "identity", "burnout", "resilience", "empathy", "self", "peer",
            "peers", "mentoring", "mentor", "mentors", "coaching", "supervision", "online", "remote", "virtual",
            "hybrid", "person", "people", "public", "community", "local", "national", "international", "regional",
            "rural", "urban", "north", "south", "east", "west", "central", "alpha", "beta", "gamma", "delta",
            "omega", "final", "draft", "test", "demo", "sample", "example", "import", "export", "sync", "server",
            "key", "keys", "label", "rotated", "revoked", "integration", "nightly", "daily", "baseline", "post",
            "pre", "mid", "follow", "followup", "up", "retention", "kept", "other", "others", "misc", "general",
            "med", "ped", "peds", "psych", "onc", "surg", "obgyn", "ortho", "derm", "neuro", "cardio", "em", "im",
            "fm", "ops", "dev", "qa", "lab", "labs", "grp", "group's", "cohort's", "set", "sets", "batch", "part",
            "parts", "level", "levels", "stage", "stages", "phase", "phases", "track", "tracks", "stream", "streams",
            "block", "blocks", "round", "rounds", "edition", "release", "version", "only", "plus", "extra", "hours",
            "hour", "min", "minutes", "time", "times", "oriented", "orientated", "directed", "driven", "facing",
            "first", "priority", "rounds", "profile", "profiles", "history", "histories", "case", "cases", "file",
            "files", "note", "notes", "chart", "charts", "list", "lists", "flowchart", "room", "rooms", "building",
            "floor", "campus", "site", "sites", "office", "offices", "desk", "help", "helpdesk", "liaison",
            "patient", "patients", "resident", "client", "clients", "population", "populations", "cohort",
            "empowerment", "advisory", "thesis", "id", "ids", "number", "numbers", "nummer", "friendly", "red", "blue", "yellow", "orange", "purple", "black",
            "grey", "gray",
            "confidentiality", "privacy", "perception", "perceptions", "expectations", "adherence", "compliance",
            // German, French, Dutch, Spanish, Italian, Scandinavian, Polish and Hungarian programme words
            "sicherheit", "versorgung", "betreuung", "gruppe", "gruppen", "fortbildung", "weiterbildung",
            "ausbildung", "kommunikation", "beziehung", "zentriert", "orientiert", "orientierte", "orientierung",
            "beteiligung", "aufklarung", "gesprach", "gesprache", "fall", "falle", "seminar", "arzte", "arztinnen",
            "assistenzarzte", "medizin", "innere", "allgemeinmedizin", "securite", "soins", "groupe", "groupes",
            "formation", "relation", "parcours", "experience", "accompagnement", "centre", "centree", "internes",
            "medecine", "generale", "veiligheid", "zorg", "groep", "groepen", "opleiding", "ervaring", "gericht",
            "huisartsen", "geneeskunde", "seguridad", "atencion", "grupo", "grupos", "formacion", "relacion",
            "centrado", "centrada", "medicina", "familiar", "residentes", "sicurezza", "cura", "gruppo", "gruppi",
            "formazione", "relazione", "centrata", "centrato", "specializzandi", "sakerhet", "vard", "grupp",
            "grupper", "utbildning", "lakare", "sikkerhet", "omsorg", "gruppe", "utdanning", "leger",
            "bezpieczenstwo", "opieka", "grupa", "grupy", "szkolenie", "lekarze", "rezydenci", "biztonsag",
            "ellatas", "csoport", "csoportok", "kepzes", "orvosok", "rezidensek", "atendimento", "seguranca",
            "formacao", "medicos", "internos", "praticantes"));

    /** Towns of the consortium's countries, lower case without accents, as they stand beside a postcode. */
    static final Set<String> TOWNS = Set.copyOf(List.of("london", "manchester", "birmingham", "leeds", "glasgow",
            "edinburgh", "liverpool", "bristol", "sheffield", "cardiff", "belfast", "newcastle", "nottingham",
            "leicester", "oxford", "cambridge", "southampton", "york", "aberdeen", "dundee", "brighton",
            "amsterdam", "rotterdam", "utrecht", "haag", "eindhoven", "groningen", "leiden", "maastricht", "nijmegen",
            "haarlem", "arnhem", "tilburg", "zwolle", "delft", "breda", "berlin", "hamburg", "munchen", "muenchen",
            "munich", "koln", "koeln", "cologne", "frankfurt", "stuttgart", "dusseldorf", "duesseldorf", "leipzig",
            "dresden", "heidelberg", "freiburg", "bonn", "mainz", "hannover", "bremen", "essen", "dortmund",
            "nurnberg", "nuernberg", "wurzburg", "tubingen", "gottingen", "munster", "kiel", "rostock", "jena",
            "paris", "lyon", "marseille", "toulouse", "lille", "bordeaux", "nantes", "strasbourg", "montpellier",
            "nice", "rennes", "grenoble", "dijon", "tours", "angers", "reims", "brest", "bruxelles", "brussel",
            "brussels", "antwerpen", "anvers", "gent", "ghent", "leuven", "louvain", "liege", "namur", "brugge",
            "charleroi", "dublin", "cork", "galway", "limerick", "waterford", "toronto", "montreal", "vancouver",
            "ottawa", "calgary", "edmonton", "winnipeg", "quebec", "halifax", "sydney", "melbourne", "brisbane",
            "perth", "adelaide", "canberra", "hobart", "darwin", "zurich", "geneve", "geneva", "genf", "bern",
            "berne", "basel", "bale", "lausanne", "luzern", "lucerne", "lugano", "wien", "vienna", "graz", "linz",
            "salzburg", "innsbruck", "klagenfurt", "kobenhavn", "copenhagen", "aarhus", "odense", "aalborg",
            "stockholm", "goteborg", "gothenburg", "malmo", "uppsala", "lund", "umea", "linkoping", "orebro",
            "oslo", "bergen", "trondheim", "tromso", "tromsø", "københavn", "łodz", "wrocław", "białystok",
            "stavanger", "warszawa", "warsaw", "krakow", "lodz", "wroclaw",
            "poznan", "gdansk", "szczecin", "lublin", "katowice", "bialystok", "madrid", "barcelona", "valencia",
            "sevilla", "seville", "bilbao", "zaragoza", "malaga", "granada", "salamanca", "roma", "rome", "milano",
            "milan", "napoli", "naples", "torino", "turin", "bologna", "firenze", "florence", "padova", "genova",
            "pisa", "verona", "palermo", "lisboa", "lisbon", "porto", "coimbra", "braga", "faro", "budapest",
            "debrecen", "szeged", "pecs", "gyor", "praha", "prague", "brno", "helsinki", "tampere", "turku",
            "oulu", "boston", "chicago", "seattle", "houston", "philadelphia", "baltimore"));
}
