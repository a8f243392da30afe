package org.balintobservatory.personaldata;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one check every client-chosen id and every free-text field goes through: nothing that names or
 * reaches a person may be stored. Ids ({@link #checkId}: caseId, sessionId, groupId, programmeId,
 * responseId, correctionId, institutionId, keyId) and short texts ({@link #checkText}: programme and
 * institution names, key labels, revocation reasons) are refused when they hold
 * <ul>
 *   <li>{@code not-an-email-address}: an address with {@code @}, or spelled out ({@code jdoe at gmail dot
 *       com}, {@code jdoe(at)gmail.com}, {@code john.smith.gmail.com});</li>
 *   <li>{@code not-a-phone-number}: 7–15 digits written as a phone number, with any separators;</li>
 *   <li>{@code not-a-personal-name}: name shapes ({@code John.Smith}, {@code j.smith}, {@code mohammed.ali},
 *       {@code SMITH_ANNA}, {@code johnsmith}), a title before a name ({@code Dr Meyer}), a common given
 *       name beside a capitalised word ({@code Anna Meyer}), in Latin, Cyrillic, Greek, Arabic, Hebrew and
 *       Han script;</li>
 *   <li>{@code not-a-date-of-birth}: a date after a birth word ({@code dob-1985-03-12},
 *       {@code DOB 12/03/1985}, {@code born 12 March 1985}, {@code geb. 12.03.1985}); in a text also a full
 *       date whose year is a birth year ({@value #MIN_AGE_YEARS} or more years ago);</li>
 *   <li>{@code not-a-national-number}: national, health and hospital numbers: a number after its name
 *       ({@code nhs-9434765919}, {@code MRN00123456}, {@code SSN 123-45-6789}), or one whose shape and check
 *       digit give it away without a name (NHS mod 11, Dutch BSN and Hungarian TAJ, Polish PESEL, French NIR
 *       mod 97, Swedish and Danish personal numbers with their date, US SSN, UK National Insurance, Italian
 *       codice fiscale, Spanish DNI with its letter, Swiss AHV);</li>
 *   <li>{@code not-a-postcode}: UK, Canadian, US ZIP+4, Irish, Dutch and Brazilian postcodes, and any code
 *       after a postcode word ({@code PLZ 10115}, {@code zip 94103}).</li>
 * </ul>
 * and then, by category, one named rule each ({@link IdentifierCategories}): a title or a role word before a
 * name ({@code Mrs O'Brien}, {@code Patient Okafor}, {@code dr.house}), a patient or record number after its
 * word ({@code case no 4711}), the postcodes of the consortium's countries in any case and spelling
 * ({@code sw1a1aa}, {@code 1012 AB Amsterdam}, {@code 10115 Berlin}), user-name shapes ({@code a.kowalska})
 * and dates of birth glued to letters ({@code b19850312}), each reported under the rule above it belongs to.
 *
 * <p>Before the rules run, a text is decoded as a browser or a spreadsheet shows it (percent-encoding,
 * repeatedly, and numeric HTML entities: {@code jdoe%40gmail.com}), then normalised the way a reader sees it: NFKC (full-width digits and
 * letters become ASCII), invisible format characters (zero-width spaces and joiners, soft hyphens, BOMs)
 * removed, and — in a second reading — Cyrillic and Greek letters that look like Latin ones folded to
 * them, so {@code ј.ѕmіth} reads as {@code j.smith}. Ids are ASCII ({@link PseudonymousIds#FORMAT}), so for
 * them such tricks already fail the format.
 *
 * <p>It is a heuristic against mistakes, not a proof of anonymity. What it cannot catch: a surname alone, a
 * given name it does not know written in lower case, a number whose check digit fails (a typo), lower-case
 * UK postcodes inside an id. What it refuses that could be innocent: about one in ten runs of 9–11 digits in
 * an id (the national-number check digits), full dates of 15 or more years ago in a text, and an
 * institution named after a person with a listed given name ({@code Anna Meyer Children's Hospital}).
 * Participant ids never meet this guard: they are replaced by a keyed pseudonym before anything is stored.
 */
public final class IdentifierGuard {

    /** Why a value was refused: the rule it breaks and a message for the school's developers. */
    public record Refusal(String rule, String message) {
    }

    static final int MIN_AGE_YEARS = 15;

    private static final String TLD = "com|org|net|edu|gov|info|io|eu|de|fr|uk|hu|nl|it|es|ch|at|be|se|dk|no|fi"
            + "|pl|cz|pt|ie|us|ca|au|ro|sk|si|hr|gr|co|me|ru|jp|cn|in|br|tr|il";
    private static final Pattern ID_MAIL = Pattern.compile(
            "(?i).+[._-](at|gmail|googlemail|yahoo|hotmail|outlook|icloud|gmx|protonmail|freemail|t-online|web|mail)"
                    + "([._-][a-z0-9]+)*[._-](" + TLD + ")"
                    + "|(?i).+[._-][a-z0-9-]*[a-z][a-z0-9-]*\\.(ac\\.uk|co\\.uk|" + TLD + ")");
    /** {@code jdoe at gmail dot com}, {@code jdoe(at)gmail.com}, {@code jdoe [at] uni-lyon [dot] fr}. */
    private static final String AT = "(\\s*[(\\[{<]\\s*(at|a|@|arobase|klammeraffe)\\s*[)\\]}>]\\s*"
            + "|\\s+(at|arobase|chez|bei)\\s+|\\s*@\\s*|[._-]at[._-])";
    private static final String DOT = "(\\s*[(\\[{<]\\s*(dot|punkt|point|punto|pont)\\s*[)\\]}>]\\s*"
            + "|\\s+(dot|punkt|point|punto|pont)\\s+|\\.)";
    private static final Pattern SPELLED_MAIL = Pattern.compile("(?i)[a-z0-9][a-z0-9._%+-]*" + AT
            + "[a-z0-9-]+(" + DOT + "[a-z0-9-]+)*" + DOT + "(" + TLD + ")(?![a-z])");
    private static final Pattern PHONE_ID = Pattern.compile(
            "(?i)((tel|phone|mobile|mob|cell|fon|handy|telefon|tfn)[._-]?)?\\+?[0-9._-]+");
    private static final Pattern PHONE_WORD = Pattern.compile(
            "(?i)(?<![a-z])(tel|phone|mobile|mob|cell|fon|handy|telefon|tfn|fax)[\\s._:#-]*\\+?\\(?\\d");
    /** In an id: an international prefix or a national trunk 0, then 9-12 digits. */
    private static final Pattern PHONE_IN_ID = Pattern.compile("(?<![0-9])(00[1-9]\\d{8,12}|0[1-9]\\d{8,10})(?![0-9])");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\d[\\d\\s()._/-]*\\d");
    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    /** An academic or cohort year span, 2025/2026 or 2025-26: years, not a phone number. */
    private static final Pattern YEAR_SPAN = Pattern.compile("\\b(19|20)\\d{2}\\s?[/-]\\s?((19|20)\\d{2}|\\d{2})\\b");

    private static final String MONTH = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?"
            + "|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?|janv(ier)?|fevr(ier)?|mars|avr(il)?|mai|juin"
            + "|juil(let)?|aout|janner|januar|februar|marz|juni|juli|oktober|dezember|gen(naio)?|marzo|aprile"
            + "|maggio|giugno|luglio|agosto|ottobre|dicembre|enero|febrero|abril|mayo|junio|julio|septiembre"
            + "|octubre|noviembre|diciembre|januar|marcius|aprilis|majus|junius|julius|augusztus|szeptember";
    private static final Pattern BIRTH = Pattern.compile("(?i)(?<![a-z])(dob|d\\.o\\.b\\.?|date[\\s._-]?of[\\s._-]?birth"
            + "|birth(day|date)?|born|bday|b-day|geb(oren|urtsdatum|urtstag)?\\.?|nee|ddn|date[\\s._-]?de[\\s._-]?"
            + "naissance|naissance|nacimiento|fecha[\\s._-]?nac|nacid[oa]|nascita|nat[oa]|szul(etett|etesi)?\\.?"
            + "|szuletesnap|fdn)(?![a-z])[\\s._:,/-]*((on|le|am|el|il|the|le)[\\s._:-]+)?(\\d|(" + MONTH + ")(?![a-z]))");
    /** A full date in a text: 12/03/1985, 12.03.1985, 1985-03-12, 12 March 1985, March 12, 1985. */
    private static final Pattern FULL_DATE = Pattern.compile("(?i)(?<![0-9])(?:"
            + "(?<d1>\\d{1,2})[./-](?<m1>\\d{1,2})[./-](?<y1>\\d{4})"
            + "|(?<y2>\\d{4})[./-](?<m2>\\d{1,2})[./-](?<d2>\\d{1,2})"
            + "|(?<d3>\\d{1,2})\\.?\\s+(" + MONTH + ")\\.?,?\\s+(?<y3>\\d{4})"
            + "|(" + MONTH + ")\\.?\\s+(?<d4>\\d{1,2}),?\\s+(?<y4>\\d{4}))(?![0-9])");

    private static final Pattern NUMBER_NAMED = Pattern.compile("(?i)(?<![a-z])(nhs|chi|mrn|urn|umrn|hosp(ital)?"
            + "|pat(ient)?|pid|ipp|ssn|nino|insee|nir|secu|svnr|sozialversicherung|kvnr|egk|taj|bsn|pesel|dni|nie"
            + "|nif|cpr|personnummer|pnr|ahv|avs|amka|cnp|medicare|mbi|npi|ihi|nhi|emr|ehr|mrno|medrec)(?![a-z])"
            + "([\\s._:#/-]*(no|nr|num|number|nummer|numero|n°|#))?[\\s._:#/-]*"
            + "(\\d[\\d\\s._/-]{4,}\\d)");
    private static final Pattern NINO = Pattern.compile(
            "(?i)(?<![a-z0-9])[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z][\\s._-]?\\d{2}[\\s._-]?\\d{2}[\\s._-]?\\d{2}[\\s._-]?[a-d](?![a-z0-9])");
    private static final Pattern CODICE_FISCALE = Pattern.compile(
            "(?i)(?<![a-z0-9])[a-z]{6}\\d{2}[abcdehlmprst]\\d{2}[a-z]\\d{3}[a-z](?![a-z0-9])");
    private static final Pattern DNI = Pattern.compile("(?i)(?<![a-z0-9])([xyz]?)(\\d{7,8})[\\s.-]?([a-z])(?![a-z0-9])");
    private static final Pattern SSN = Pattern.compile("(?<![0-9])(\\d{3})[\\s.-](\\d{2})[\\s.-](\\d{4})(?![0-9])");
    private static final Pattern NHS_GROUPED = Pattern.compile("(?<![0-9])(\\d{3})[\\s.-](\\d{3})[\\s.-](\\d{4})(?![0-9])");
    private static final Pattern DATE_PERSON_NUMBER = Pattern.compile(
            "(?<![0-9])((?:19|20)?\\d{6})[\\s+.-](\\d{4})(?![0-9])");
    private static final Pattern AHV = Pattern.compile("(?<![0-9])756[\\s.-]?\\d{4}[\\s.-]?\\d{4}[\\s.-]?\\d{2}(?![0-9])");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** A postcode word, then four or more digits or a letters-and-digits code with a digit in it. */
    private static final Pattern POSTCODE_NAMED = Pattern.compile("(?i)(?<![a-z])(postcode|post[\\s._-]?code"
            + "|postal[\\s._-]?code|zip([\\s._-]?code)?|plz|cp|code[\\s._-]?postal|cap|irsz|postnummer|postnr"
            + "|cep|pin[\\s._-]?code)(?![a-z])[\\s._:#-]*(\\d{4,}|[a-z]{1,2}\\d[a-z0-9]?[\\s._-]?\\d[a-z]{2})");
    private static final Pattern UK_POSTCODE = Pattern.compile(
            "(?<![A-Za-z0-9])(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]?[\\s._-]?\\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])");
    private static final Pattern CANADA_POSTCODE = Pattern.compile(
            "(?<![A-Za-z0-9])[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z][\\s._-]?\\d[ABCEGHJ-NPRSTV-Z]\\d(?![A-Za-z0-9])");
    private static final Pattern ZIP_PLUS_4 = Pattern.compile("(?<![0-9])\\d{5}-\\d{4}(?![0-9])");
    private static final Pattern BRAZIL_CEP = Pattern.compile("(?<![0-9])\\d{5}-\\d{3}(?![0-9])");
    private static final Pattern EIRCODE = Pattern.compile(
            "(?<![A-Za-z0-9])[AC-FHKNPRTV-Y]\\d{2}[\\s._-]?(?=[A-Z0-9]{0,3}[A-Z])[AC-FHKNPRTV-Y0-9]{4}(?![A-Za-z0-9])");
    private static final Pattern DUTCH_POSTCODE = Pattern.compile(
            "(?<![A-Za-z0-9])[1-9]\\d{3}(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z0-9])");

    private static final Pattern CAPITALISED_WORD = Pattern.compile("\\p{Lu}\\p{Ll}+");
    private static final Pattern INITIAL = Pattern.compile("\\p{Lu}");
    private static final Pattern CAMEL_CASE_NAME = Pattern.compile("([A-Z][a-z]+){2,4}");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
    private static final Pattern LOWER_CASE_LETTERS = Pattern.compile("[a-z]+");
    private static final Pattern TITLE_AND_NAME = Pattern.compile("(?<!\\p{L})(Dr|Drs|Prof|Mr|Mrs|Ms|Miss|Mx|Herr|Frau"
            + "|Mme|Mlle|Sr|Sra|Sig|Sig\\.ra|Dott|Dott\\.ssa|Pr)\\.?\\s+\\p{Lu}\\p{Ll}+");
    private static final Pattern INITIAL_AND_NAME = Pattern.compile("(?<!\\p{L})\\p{Lu}\\.\\s?\\p{Lu}\\p{Ll}{2,}");
    private static final Pattern HAN_NAME = Pattern.compile("(?<!\\p{IsHan})[王李张劉刘陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁"
            + "佐鈴田渡伊山中小加吉松井木][\\p{IsHan}]{1,2}(?!\\p{IsHan})");
    private static final int MIN_RUN_TOGETHER_GIVEN_NAME = 4;

    /** Words after a given name that make it part of an institution's or a place's name, not a person's. */
    private static final Set<String> INSTITUTION_WORDS = Set.of("university", "universitat", "universite",
            "universita", "universidad", "egyetem", "college", "hospital", "hopital", "ospedale", "klinikum", "clinic",
            "klinik", "school", "schule", "faculty", "institute", "institut", "institutet", "centre", "center",
            "medical", "health", "foundation", "trust", "children", "childrens", "infirmary", "campus", "house",
            "street", "road", "hall", "church", "kórház", "korhaz", "maria", "balint");

    /** Common given names of the schools' languages and of their students, in lower case. */
    static final Set<String> GIVEN_NAMES = Set.copyOf(List.of(
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
            "julia", "hannah", "victoria", "claire", "ruth", "jenny", "lily", "ella", "jenna", "jill", "joe",
            // French
            "jean", "pierre", "jacques", "michel", "philippe", "alain", "nicolas", "francois", "louis", "antoine",
            "julien", "mathieu", "hugo", "arthur", "jules", "camille", "marie", "nathalie", "isabelle", "sylvie",
            "francoise", "valerie", "sandrine", "celine", "manon", "ines", "lea", "louise", "juliette", "margaux",
            "elodie", "aurelie", "amelie", "adele",
            // German and Dutch
            "hans", "klaus", "jurgen", "juergen", "stefan", "wolfgang", "andreas", "markus", "sebastian", "tobias",
            "florian", "felix", "lukas", "jonas", "leon", "paula", "lena", "mila", "sabine", "ursula", "monika",
            "petra", "claudia", "susanne", "andrea", "birgit", "katrin", "heike", "jan", "anke", "daan", "sem",
            "bram", "lieke", "sanne", "femke", "annemarie", "greta", "hanna", "lotte", "ingrid",
            // Hungarian
            "laszlo", "istvan", "jozsef", "janos", "zoltan", "sandor", "gabor", "ferenc", "attila", "tamas",
            "zsolt", "balazs", "bence", "mate", "levente", "maria", "erzsebet", "ilona", "katalin", "eva",
            "zsofia", "agnes", "judit", "eszter", "reka", "dora", "viktoria", "krisztina", "aniko", "timea",
            "boglarka", "noemi",
            // Italian, Spanish, Portuguese
            "giuseppe", "giovanni", "antonio", "mario", "luigi", "francesco", "marco", "alessandro", "luca",
            "matteo", "giulia", "francesca", "chiara", "sara", "martina", "valentina", "alessia", "jose", "juan",
            "manuel", "francisco", "carlos", "javier", "miguel", "pablo", "alejandro", "sergio", "jorge", "carmen",
            "lucia", "elena", "marta", "cristina", "ana", "isabel", "rosa", "teresa", "joao", "pedro", "tiago",
            "beatriz", "mariana",
            // Nordic, Central and Eastern European
            "lars", "erik", "anders", "johan", "karl", "nils", "olof", "sven", "anne", "kristin", "karin", "astrid",
            "freja", "piotr", "krzysztof", "tomasz", "pawel", "agnieszka", "katarzyna", "malgorzata", "magdalena",
            "jiri", "petr", "jana", "lucie", "tereza", "ioana", "andrei", "mihai", "ivan", "olga", "dmitri",
            "dmitry", "sergei", "sergey", "natalia", "natalya", "tatiana", "svetlana", "alexei", "alexey", "irina",
            "vladimir", "nikolai", "yulia", "oksana", "giorgos", "georgios", "nikos", "eleni", "dimitris",
            // Arabic, Turkish, Persian, Hebrew
            "mohammed", "mohammad", "mohamed", "muhammad", "ahmed", "ahmad", "ali", "omar", "hassan", "hussein",
            "yusuf", "youssef", "ibrahim", "mustafa", "khalid", "karim", "fatima", "aisha", "ayesha", "zainab",
            "mariam", "leila", "layla", "noor", "amina", "mehmet", "ayse", "emine", "zeynep", "elif", "reza",
            "hossein", "maryam", "yosef", "moshe", "avraham", "yael", "noa", "tamar",
            // South and East Asian
            "raj", "rahul", "amit", "arjun", "vikram", "sanjay", "priya", "ananya", "aditi", "deepa", "sunita",
            "wei", "fang", "jing", "ming", "xiaoming", "yan", "hui", "jun", "hiroshi", "takeshi", "yuki", "haruto",
            "sakura", "yui", "minjun", "jiwoo", "seoyeon"
    ));

    /** Given names in scripts other than Latin, as written. */
    private static final Set<String> OTHER_SCRIPT_GIVEN_NAMES = Set.of("иван", "мария", "ольга", "сергей", "анна",
            "дмитрий", "елена", "алексей", "наталья", "татьяна", "андрей", "владимир", "ирина", "олег", "юлия",
            "γιώργος", "γιωργος", "μαρία", "μαρια", "νίκος", "νικος", "ελένη", "ελενη", "δημήτρης", "κωνσταντίνος",
            "محمد", "أحمد", "احمد", "علي", "فاطمة", "عمر", "حسن", "مريم", "يوسف", "خالد", "עאישה",
            "דוד", "משה", "יוסף", "שרה", "רחל", "אברהם", "יעל");

    /** Common surnames, for the shapes a given name alone does not reveal: {@code j.smith}, {@code smithjohn}. */
    static final Set<String> SURNAMES = Set.copyOf(List.of("smith", "jones", "williams", "brown", "taylor",
            "davies", "evans", "wilson", "thomas", "johnson", "roberts", "walker", "wright", "robinson", "thompson",
            "white", "hughes", "edwards", "green", "hall", "wood", "harris", "martin", "jackson", "clarke", "doe",
            "miller", "davis", "garcia", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "perez",
            "sanchez", "ramirez", "torres", "fernandez", "gomez", "muller", "mueller", "schmidt", "schneider",
            "fischer", "weber", "meyer", "wagner", "becker", "schulz", "hoffmann", "koch", "richter", "klein",
            "wolf", "bernard", "dubois", "durand", "leroy", "moreau", "simon", "laurent", "lefebvre", "michel",
            "rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo", "ricci", "marino", "greco",
            "nagy", "kovacs", "toth", "szabo", "horvath", "varga", "kiss", "molnar", "nemeth", "farkas", "balogh",
            "jansen", "visser", "bakker", "smit", "devries", "vandenberg", "mulder", "bos", "nowak", "kowalski",
            "wisniewski", "novak", "svoboda", "andersson", "johansson", "karlsson", "nilsson", "hansen", "nielsen",
            "jensen", "silva", "santos", "ferreira", "pereira", "oliveira", "costa", "ivanov", "petrov", "sidorov",
            "smirnov", "popescu", "papadopoulos", "yilmaz", "kaya", "demir", "cohen", "levi", "khan", "ali",
            "hussain", "ahmed", "patel", "singh", "kumar", "sharma", "gupta", "wang", "li", "zhang", "liu", "chen",
            "yang", "huang", "zhao", "wu", "zhou", "nguyen", "tran", "kim", "lee", "park", "choi", "sato", "suzuki",
            "takahashi", "tanaka", "watanabe", "curie", "house", "watson", "semmelweis"));

    /** Letters of other scripts that look like Latin ones. */
    private static final String HOMOGLYPHS_FROM = "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅαβεικνοτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
    private static final String HOMOGLYPHS_TO = "aeopcyxijsdqwhlABEKMHOPCTXIJSabeiknotuxABEZHIKMNOPTYX";

    private IdentifierGuard() {
    }

    /**
     * The reason {@code id} cannot be a client-chosen id, or empty when it can. Ids are 3–64 characters of
     * {@link PseudonymousIds#FORMAT}; a value outside that is refused as {@code id-format}.
     *
     * <p>The same ids come back line after line (a batch names its programme and group on every line), and the
     * checks below are dozens of patterns: an id accepted lately is remembered ({@link AcceptedIds}) and accepted
     * again without them. A refused value is never remembered, as it may be a person's.
     */
    public static Optional<Refusal> checkId(String id) {
        if (id != null && ACCEPTED_IDS.contains(id)) {
            return Optional.empty();
        }
        Optional<Refusal> refusal = judgeId(id);
        if (refusal.isEmpty()) {
            ACCEPTED_IDS.add(id);
        }
        return refusal;
    }

    private static final AcceptedIds ACCEPTED_IDS = new AcceptedIds(4096);

    private static Optional<Refusal> judgeId(String id) {
        if (id == null || !id.matches(PseudonymousIds.FORMAT)) {
            return Optional.of(new Refusal("id-format",
                    "must be 3 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'"));
        }
        if (ID_MAIL.matcher(id).matches() || SPELLED_MAIL.matcher(id).find()) {
            return refusal("not-an-email-address", "looks like an email address");
        }
        if (looksLikePhoneNumber(id) || PHONE_IN_ID.matcher(id).find() || PHONE_WORD.matcher(id).find()) {
            return refusal("not-a-phone-number", "looks like a phone number");
        }
        Optional<Refusal> common = common(id);
        if (common.isPresent()) {
            return common;
        }
        if (looksLikeName(id)) {
            return refusal("not-a-personal-name", "looks like a personal name");
        }
        return category(id, IdentifierCategories.Field.ID);
    }

    /**
     * The reason a short free text (a programme's or an institution's name, a key's label, a revocation
     * reason) cannot be stored, or empty when it can. Ordinary names pass: {@code Balint groups for GP
     * trainees 2026}, {@code Université Lyon 1}, {@code REDCap export (nightly)}.
     */
    public static Optional<Refusal> checkText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String read = normalise(IdentifierCategories.decode(normalise(text)));
        String folded = fold(read);
        for (String variant : folded.equals(read) ? List.of(read) : List.of(read, folded)) {
            Optional<Refusal> refusal = checkNormalisedText(variant);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> checkNormalisedText(String text) {
        if (text.contains("@") || SPELLED_MAIL.matcher(text).find()) {
            return refusal("not-an-email-address", "holds an e-mail address");
        }
        List<String> tokens = tokens(text);
        for (String token : tokens) {
            if (ID_MAIL.matcher(token).matches()) {
                return refusal("not-an-email-address", "holds something like an e-mail address");
            }
        }
        if (PHONE_WORD.matcher(text).find()) {
            return refusal("not-a-phone-number", "holds something like a phone number");
        }
        Optional<Refusal> common = common(text);
        if (common.isPresent()) {
            return common;
        }
        Matcher run = DIGIT_RUN.matcher(YEAR_SPAN.matcher(ISO_DATE.matcher(text).replaceAll(" ")).replaceAll(" "));
        while (run.find()) {
            if (run.group().chars().filter(Character::isDigit).count() >= 7) {
                return refusal("not-a-phone-number", "holds something like a phone number");
            }
        }
        if (holdsBirthYearDate(text)) {
            return refusal("not-a-date-of-birth", "holds a date that looks like a date of birth");
        }
        if (holdsName(text, tokens)) {
            return refusal("not-a-personal-name", "holds something like a personal name");
        }
        return category(text, IdentifierCategories.Field.TEXT);
    }

    /** The categories checked by their shape, one named rule each ({@link IdentifierCategories}). */
    private static Optional<Refusal> category(String value, IdentifierCategories.Field field) {
        return IdentifierCategories.first(value, field).flatMap(c -> refusal(c.rule(), c.what()));
    }

    /** What ids and texts share: birth dates, national and hospital numbers, postcodes. */
    private static Optional<Refusal> common(String s) {
        if (BIRTH.matcher(s).find()) {
            return refusal("not-a-date-of-birth", "looks like a date of birth");
        }
        if (holdsNationalNumber(s)) {
            return refusal("not-a-national-number", "looks like a national, health or hospital number");
        }
        if (POSTCODE_NAMED.matcher(s).find() || UK_POSTCODE.matcher(s).find() || CANADA_POSTCODE.matcher(s).find()
                || ZIP_PLUS_4.matcher(s).find() || BRAZIL_CEP.matcher(s).find() || EIRCODE.matcher(s).find()
                || DUTCH_POSTCODE.matcher(s).find()) {
            return refusal("not-a-postcode", "looks like a postcode");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refusal(String rule, String what) {
        return Optional.of(new Refusal(rule, what + "; nothing that identifies a person may be sent"));
    }

    // --- normalisation ---------------------------------------------------------------------------------

    /** NFKC, without invisible format characters, every script's decimal digits read as 0–9. */
    static String normalise(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "");
        StringBuilder read = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(c -> {
            if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                read.append((char) ('0' + Character.digit(c, 10)));
            } else {
                read.appendCodePoint(c);
            }
        });
        return read.toString();
    }

    /** Cyrillic and Greek look-alikes read as the Latin letters they imitate, accents dropped. */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int at = HOMOGLYPHS_FROM.indexOf(c);
            folded.append(at >= 0 ? HOMOGLYPHS_TO.charAt(at) : c);
        }
        return Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
    }

    // --- numbers -------------------------------------------------------------------------------------------

    private static boolean looksLikePhoneNumber(String id) {
        if (!PHONE_ID.matcher(id).matches()) {
            return false;
        }
        long digits = id.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15;
    }

    private static boolean holdsNationalNumber(String s) {
        Matcher named = NUMBER_NAMED.matcher(s);
        while (named.find()) {
            if (named.group(named.groupCount()).chars().filter(Character::isDigit).count() >= 6) {
                return true;
            }
        }
        if (NINO.matcher(s).find() || CODICE_FISCALE.matcher(s).find() || AHV.matcher(s).find()) {
            return true;
        }
        Matcher dni = DNI.matcher(s);
        while (dni.find()) {
            if (isDni(dni.group(1), dni.group(2), dni.group(3))) {
                return true;
            }
        }
        Matcher ssn = SSN.matcher(s);
        while (ssn.find()) {
            String area = ssn.group(1);
            if (!area.equals("000") && !area.equals("666") && area.charAt(0) != '9' && !ssn.group(2).equals("00")
                    && !ssn.group(3).equals("0000")) {
                return true;
            }
        }
        Matcher nhs = NHS_GROUPED.matcher(s);
        while (nhs.find()) {
            if (isNhsNumber(nhs.group(1) + nhs.group(2) + nhs.group(3))) {
                return true;
            }
        }
        Matcher personal = DATE_PERSON_NUMBER.matcher(s);
        while (personal.find()) {
            if (isDatePersonNumber(personal.group(1), personal.group(2))) {
                return true;
            }
        }
        Matcher digits = DIGITS.matcher(s);
        while (digits.find()) {
            if (isChecksummedNationalNumber(digits.group())) {
                return true;
            }
        }
        return false;
    }

    /** A run of digits that is a national number by length and check digit. */
    static boolean isChecksummedNationalNumber(String d) {
        return switch (d.length()) {
            case 9 -> isBsn(d) || isTaj(d);
            case 10 -> isNhsNumber(d) || isSwedishPersonNumber(d.substring(0, 6), d.substring(6));
            case 11 -> isPesel(d);
            case 12 -> isSwedishPersonNumber(d.substring(0, 8), d.substring(8));
            case 13, 15 -> isNir(d);
            default -> false;
        };
    }

    /** NHS number: weights 10..2, check digit 11 - (sum mod 11), 11 meaning 0 and 10 impossible. */
    static boolean isNhsNumber(String d) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        check = check == 11 ? 0 : check;
        return check != 10 && check == d.charAt(9) - '0' && !d.chars().allMatch(c -> c == d.charAt(0));
    }

    /** Dutch BSN, the eleven-test: weights 9..2 and -1, the sum a multiple of 11. */
    static boolean isBsn(String d) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (d.charAt(i) - '0') * (9 - i);
        }
        sum -= d.charAt(8) - '0';
        return sum != 0 && sum % 11 == 0 && d.charAt(0) != '0';
    }

    /** Hungarian TAJ: weights 3 and 7 alternating over eight digits, the sum mod 10 is the ninth. */
    static boolean isTaj(String d) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (d.charAt(i) - '0') * (i % 2 == 0 ? 3 : 7);
        }
        return sum % 10 == d.charAt(8) - '0' && d.charAt(0) != '0';
    }

    /** Polish PESEL: weights 1,3,7,9 repeating, a valid birth date in the first six digits. */
    static boolean isPesel(String d) {
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (d.charAt(i) - '0') * weights[i];
        }
        int month = Integer.parseInt(d.substring(2, 4)) % 20;
        int day = Integer.parseInt(d.substring(4, 6));
        return (10 - sum % 10) % 10 == d.charAt(10) - '0' && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** French NIR: sex 1 or 2, then 12 digits; with its key, 97 - (number mod 97). */
    static boolean isNir(String d) {
        if (d.charAt(0) != '1' && d.charAt(0) != '2') {
            return false;
        }
        int month = Integer.parseInt(d.substring(3, 5));
        if (month < 1 || month > 12 && month < 20 || month > 42) {
            return false;
        }
        if (d.length() == 13) {
            return true;
        }
        long number = Long.parseLong(d.substring(0, 13));
        return 97 - number % 97 == Long.parseLong(d.substring(13));
    }

    /**
     * Written with its separator: a Swedish personnummer (YYMMDD-NNNC, Luhn) or a Danish CPR number
     * (DDMMYY-NNNN, whose check digit was dropped in 2007, so a real date must do).
     */
    static boolean isDatePersonNumber(String date, String serial) {
        if (isSwedishPersonNumber(date, serial)) {
            return true;
        }
        return date.length() == 6 && serial.length() == 4
                && validDate(date.substring(4, 6), date.substring(2, 4), date.substring(0, 2));
    }

    /** Swedish personnummer, (YY)YYMMDD and four digits, the last a Luhn check over the ten. */
    static boolean isSwedishPersonNumber(String date, String serial) {
        String yymmdd = date.length() == 8 ? date.substring(2) : date;
        return serial.length() == 4 && yymmdd.length() == 6
                && validDate(yymmdd.substring(0, 2), yymmdd.substring(2, 4), yymmdd.substring(4, 6))
                && luhn(yymmdd + serial);
    }

    private static boolean validDate(String yy, String mm, String dd) {
        int month = Integer.parseInt(mm);
        int day = Integer.parseInt(dd);
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && Integer.parseInt(yy) >= 0;
    }

    private static boolean luhn(String d) {
        int sum = 0;
        for (int i = 0; i < d.length(); i++) {
            int digit = d.charAt(d.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /** Spanish DNI (8 digits) or NIE (X, Y or Z and 7 digits): the letter is the number mod 23. */
    static boolean isDni(String prefix, String digits, String letter) {
        String number = switch (prefix.toUpperCase(Locale.ROOT)) {
            case "X" -> "0" + digits;
            case "Y" -> "1" + digits;
            case "Z" -> "2" + digits;
            default -> digits;
        };
        if (!prefix.isEmpty() && digits.length() != 7 || prefix.isEmpty() && digits.length() != 8) {
            return false;
        }
        return "TRWAGMYFPDXBNJZSQVHLCKE".charAt((int) (Long.parseLong(number) % 23))
                == Character.toUpperCase(letter.charAt(0));
    }

    // --- dates -----------------------------------------------------------------------------------------

    private static boolean holdsBirthYearDate(String text) {
        int latestBirthYear = LocalDate.now(ZoneOffset.UTC).getYear() - MIN_AGE_YEARS;
        Matcher date = FULL_DATE.matcher(text);
        while (date.find()) {
            String year = firstNonNull(date.group("y1"), date.group("y2"), date.group("y3"), date.group("y4"));
            int y = Integer.parseInt(year);
            if (y >= 1900 && y <= latestBirthYear) {
                return true;
            }
        }
        return false;
    }

    private static String firstNonNull(String... values) {
        return Arrays.stream(values).filter(v -> v != null).findFirst().orElseThrow();
    }

    // --- names -----------------------------------------------------------------------------------------

    private static boolean isKnownName(String word) {
        return isGivenName(word) || SURNAMES.contains(word.toLowerCase(Locale.ROOT));
    }

    private static boolean isGivenName(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return GIVEN_NAMES.contains(lower) || OTHER_SCRIPT_GIVEN_NAMES.contains(lower);
    }

    /** The name shapes of an id, also applied to each id-shaped token of a text. */
    static boolean looksLikeName(String id) {
        if (CAMEL_CASE_NAME.matcher(id).matches() && camelPartsName(id)) {
            return true;
        }
        String[] parts = id.split("[._-]+");
        String[] named = Arrays.stream(parts).filter(p -> !p.matches("\\d+")).toArray(String[]::new);
        if (named.length >= 2 && named.length < parts.length && named.length <= 4 && (Arrays.stream(named)
                .allMatch(p -> CAPITALISED_WORD.matcher(p).matches() || INITIAL.matcher(p).matches())
                && Arrays.stream(named).anyMatch(p -> CAPITALISED_WORD.matcher(p).matches())
                || Arrays.stream(named).filter(IdentifierGuard::isKnownName).count() >= 2)) {
            return true; // John.Smith.1985: a year or a counter does not make a name anonymous
        }
        if (parts.length == 1) {
            return LOWER_CASE_LETTERS.matcher(id).matches() && (startsWithGivenName(id) || runTogetherName(id));
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
        boolean allLetters = Arrays.stream(parts).allMatch(p -> LETTERS.matcher(p).matches());
        if (!allLetters) {
            return false;
        }
        boolean allWords = Arrays.stream(parts).allMatch(p -> p.length() >= 2);
        if (allWords && Arrays.stream(parts).anyMatch(IdentifierGuard::isGivenName)) {
            return true;
        }
        if (allWords && Arrays.stream(parts).filter(IdentifierGuard::isKnownName).count() >= 2) {
            return true;
        }
        boolean hasInitial = Arrays.stream(parts).anyMatch(p -> p.length() == 1);
        return hasInitial && Arrays.stream(parts)
                .anyMatch(p -> SURNAMES.contains(p.toLowerCase(Locale.ROOT)) || isGivenName(p));
    }

    /** {@code JohnSmith}: capitalised words run together, one of them a known name. */
    private static boolean camelPartsName(String id) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("[A-Z][a-z]+").matcher(id);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return words.stream().anyMatch(w -> GIVEN_NAMES.contains(w) || SURNAMES.contains(w))
                || words.size() == 2;
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

    /** {@code smithjohn}, {@code mohammedali}: a known surname and a known given name run together. */
    private static boolean runTogetherName(String word) {
        for (int split = 2; split <= word.length() - 2; split++) {
            String a = word.substring(0, split);
            String b = word.substring(split);
            if (SURNAMES.contains(a) && GIVEN_NAMES.contains(b) || GIVEN_NAMES.contains(a) && SURNAMES.contains(b)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> tokens(String text) {
        return Arrays.stream(text.split("[\\s,;:()\\[\\]{}/'\"!?&*+=|]+"))
                .map(t -> t.replaceAll("^[._-]+|[._-]+$", ""))
                .filter(t -> !t.isEmpty())
                .toList();
    }

    private static boolean holdsName(String text, List<String> tokens) {
        if (TITLE_AND_NAME.matcher(text).find() || HAN_NAME.matcher(text).find()) {
            return true;
        }
        Matcher initial = INITIAL_AND_NAME.matcher(text);
        while (initial.find()) {
            String word = initial.group().replaceAll("^\\p{Lu}\\.\\s?", "");
            if (!INSTITUTION_WORDS.contains(fold(word).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        for (String token : tokens) {
            boolean separated = token.matches(".*\\p{L}[._-]+\\p{L}.*");
            if (separated && (looksLikeNameToken(token))) {
                return true;
            }
            String lower = token.toLowerCase(Locale.ROOT);
            if (LOWER_CASE_LETTERS.matcher(lower).matches() && runTogetherName(lower)) {
                return true;
            }
            if (CAMEL_CASE_NAME.matcher(token).matches() && camelPartsKnown(token)) {
                return true;
            }
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String a = tokens.get(i);
            String b = tokens.get(i + 1);
            if (!LETTERS.matcher(a).matches() || !LETTERS.matcher(b).matches()) {
                continue;
            }
            if (isGivenName(a) && namePartner(a, b)
                    || SURNAMES.contains(a.toLowerCase(Locale.ROOT)) && isGivenName(b) && namePartner(b, a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A token of a text joined by separators names a person when a part of it is a known name: in a text,
     * capitalised compounds alone ({@code Rhein-Main}, {@code Balint-Gruppen}) are ordinary words.
     */
    private static boolean looksLikeNameToken(String token) {
        String ascii = fold(token);
        List<String> parts = Arrays.asList(ascii.split("[._-]+"));
        boolean known = parts.stream().anyMatch(IdentifierGuard::isKnownName);
        return known && (looksLikeName(ascii) || parts.stream().anyMatch(IdentifierGuard::isGivenName)
                && parts.stream().allMatch(p -> LETTERS.matcher(p).matches()));
    }

    private static boolean camelPartsKnown(String token) {
        Matcher m = Pattern.compile("[A-Z][a-z]+").matcher(token);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (GIVEN_NAMES.contains(w) || SURNAMES.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code other}, next to the given name {@code given}, makes a person's name: a capitalised word
     * (or any word of a script without case) that is not part of an institution's name.
     */
    private static boolean namePartner(String given, String other) {
        String lowerOther = fold(other).toLowerCase(Locale.ROOT);
        if (INSTITUTION_WORDS.contains(lowerOther)) {
            return false;
        }
        boolean givenCased = !given.toLowerCase(Locale.ROOT).equals(given.toUpperCase(Locale.ROOT));
        if (!givenCased) {
            return true;
        }
        boolean givenCapitalised = CAPITALISED_WORD.matcher(given).matches()
                || given.equals(given.toUpperCase(Locale.ROOT)) && given.length() > 1;
        boolean otherCapitalised = CAPITALISED_WORD.matcher(other).matches()
                || other.equals(other.toUpperCase(Locale.ROOT)) && other.length() > 2;
        boolean sameCase = given.equals(given.toLowerCase(Locale.ROOT)) && other.equals(other.toLowerCase(Locale.ROOT))
                && SURNAMES.contains(lowerOther);
        return givenCapitalised && otherCapitalised || sameCase;
    }
}
