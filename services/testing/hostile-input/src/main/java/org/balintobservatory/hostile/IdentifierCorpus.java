package org.balintobservatory.hostile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Values that identify a person, as a school's integration might send them by mistake in an id or a name:
 * e-mail addresses (with the {@code @}, without it, spelled out as {@code jdoe at gmail dot com}), phone
 * numbers (national and international, with every usual separator), personal names (capitalised, run
 * together, initials, lower- and upper-case, in Latin, Cyrillic, Greek, Arabic, Hebrew and Han script),
 * dates of birth in many formats, national, health and hospital numbers (with valid check digits where the
 * number has one), postcodes of several countries, and all of these again with Unicode tricks (full-width
 * characters, zero-width characters, Cyrillic look-alike letters). Every one must be refused in every id and
 * free-text field it can reach; participant ids are the exception, because the services replace them with a
 * keyed pseudonym before anything is stored. Also the pseudonyms and names that must keep working.
 */
public final class IdentifierCorpus {

    /** What an identifier-bearing attempt gives away. */
    public enum Kind { EMAIL, PHONE, NAME, DATE_OF_BIRTH, NATIONAL_NUMBER, POSTCODE, UNICODE_TRICK }

    public record Attempt(Kind kind, String value) {
    }

    /** Pseudonyms of the shapes schools use: they must be accepted. */
    public static final List<String> PSEUDONYMS = List.of("p-001", "p-7f3a9c", "P0042", "stud.2026.17", "a1b2c3",
            "LYON-2026-017", "res_0042", "cohort.b-07", "x.y.z", "9f86d081884c7d65", "participant-12", "S3.alpha.x9",
            "hu-sem-2026-0113", "P-Anna7", "grp-01-s02-c1", "balint-2026", "p-1a2b3c4d-mbi-baseline", "s-2026-03-03",
            "c-2026-03-03-a", "fix-2026-03-05", "gp-residents-2026", "inst-012", "r-000000123", "evals", "ws-17");

    /** Free texts of the shapes names, labels and reasons have: they must be accepted. */
    public static final List<String> ORDINARY_TEXTS = List.of("Balint groups for GP trainees 2026",
            "GP residents, year 2", "Balint groups for residents", "Université Lyon 1", "Université Lyon 1, Faculté de médecine",
            "Semmelweis University", "Queen Mary University of London", "Charité – Universitätsmedizin Berlin",
            "Karolinska Institutet", "Elbe University Hospital", "Pannonia Medical University", "Medical School 12",
            "Lyon integration server", "timetable sync v2.1", "rotated 2026-06-30", "REDCap export (nightly)",
            "server replaced", "notebook 3 of 12", "room 101, building 4", "Leeds integration server",
            "Cohort 2025/26, second year", "Balint-Gruppen für Assistenzärzte 2026", "Groupes Balint, internes DES",
            "Балинтовские группы 2026", "Ομάδες Balint 2026", "巴林特小组2026", "compromised laptop", "key rotation",
            "Programme 2026-01-05 to 2026-12-18", "Family medicine residency, cohort B", "Balint groups 2025/2026",
            "2025-2026 cohort, Lyon", "Balint groups 2025");

    private static final String[][] PEOPLE = {
            {"John", "Smith"}, {"Anna", "Meyer"}, {"Marie", "Curie"}, {"Laszlo", "Kovacs"}, {"Giulia", "Rossi"},
            {"Sophie", "Martin"}, {"Peter", "Nagy"}, {"Lucia", "Garcia"}, {"Thomas", "Muller"}, {"Emma", "Dubois"},
            {"Eszter", "Toth"}, {"Daniel", "Schneider"}
    };
    private static final String[] DOMAINS = {"gmail.com", "uni-lyon.fr", "charite.de", "semmelweis.hu",
            "outlook.com", "hospital.nhs.uk", "yahoo.it", "med.uni-heidelberg.de", "example.org", "protonmail.ch",
            "hotmail.co.uk", "web.de"};
    /** National numbers, digits only, each formatted below with every separator. */
    private static final String[] NATIONAL_NUMBERS = {"0612345678", "0301234567", "06301234567", "07700900123",
            "2025550143", "3471234567", "612345678", "0201234567"};
    private static final String[] WRITTEN_NUMBERS = {"06 12 34 56 78", "+33 6 12 34 56 78", "+33612345678",
            "+49 30 1234567", "+36 1 234 5678", "+44 20 7946 0958", "(202) 555-0143", "+1-202-555-0143",
            "+39 06 1234 5678", "+34 612 34 56 78", "tel:+33612345678", "tel-0612345678", "mobile.07700900123",
            "phone_06301234567", "0033612345678", "0049-30-1234567", "0036.1.234.5678", "1-202-555-0143"};

    private IdentifierCorpus() {
    }

    public static List<Attempt> attempts() {
        Set<String> seen = new LinkedHashSet<>();
        List<Attempt> attempts = new ArrayList<>();
        java.util.function.BiConsumer<Kind, Set<String>> add = (kind, values) -> values.forEach(v -> {
            if (seen.add(v)) {
                attempts.add(new Attempt(kind, v));
            }
        });
        add.accept(Kind.EMAIL, emails());
        add.accept(Kind.PHONE, phones());
        add.accept(Kind.NAME, names());
        add.accept(Kind.DATE_OF_BIRTH, datesOfBirth());
        add.accept(Kind.NATIONAL_NUMBER, nationalNumbers());
        add.accept(Kind.POSTCODE, postcodes());
        add.accept(Kind.UNICODE_TRICK, unicodeTricks());
        return List.copyOf(attempts);
    }

    /** The attempts that are well-formed ids (3–64 of {@code [A-Za-z0-9._-]}): refused for what they say. */
    public static List<Attempt> idShaped() {
        return attempts().stream().filter(a -> a.value().matches("[A-Za-z0-9._-]{3,64}")).toList();
    }

    public static List<String> values() {
        return attempts().stream().map(Attempt::value).toList();
    }

    private static Set<String> emails() {
        Set<String> emails = new LinkedHashSet<>();
        for (int i = 0; i < PEOPLE.length; i++) {
            String first = lower(PEOPLE[i][0]);
            String last = lower(PEOPLE[i][1]);
            String domain = DOMAINS[i % DOMAINS.length];
            String other = DOMAINS[(i + 5) % DOMAINS.length];
            emails.add(first + "." + last + "@" + domain);
            emails.add(first.charAt(0) + last + "@" + other);
            emails.add(first + "." + last + "." + domain);
            emails.add(first.charAt(0) + last + "_at_" + other);
            emails.add(first + "-" + last + "-at-" + domain.replace('.', '-'));
            emails.add(last + "." + first.charAt(0) + ".at." + other);
            emails.add(first + last + "." + domain);
        }
        emails.addAll(List.of("jdoe at gmail dot com", "jdoe(at)gmail.com", "jdoe [at] uni-lyon [dot] fr",
                "j.doe AT charite DOT de", "jdoe{at}web.de", "anna.meyer(at)uni-heidelberg(dot)de",
                "jdoe (at) hotmail (dot) co (dot) uk", "laszlo.kovacs at freemail pont hu",
                "m.rossi at yahoo.it", "jdoe_at_gmail_dot_com", "jdoe-at-gmail.com", "sophie.martin<at>outlook.fr",
                "e.dubois arobase orange point fr", "peter.nagy [at] semmelweis.hu", "jdoe AT gmail.com",
                "contact: jdoe at example dot org", "jdoe@gmail", "mailto:jdoe@uni-lyon.fr"));
        return emails;
    }

    private static Set<String> phones() {
        Set<String> phones = new LinkedHashSet<>(List.of(WRITTEN_NUMBERS));
        for (String number : NATIONAL_NUMBERS) {
            phones.add(number);
            phones.add(group(number, "."));
            phones.add(group(number, "-"));
            phones.add(group(number, "_"));
            phones.add("00" + (number.startsWith("0") ? "33" + number.substring(1) : "1" + number));
        }
        phones.addAll(List.of("tel. 06 12 34 56 78", "phone: +44 7700 900123", "mob 07700-900-123",
                "call 0612345678", "Tel.+49(0)30 1234567", "fax 030-1234567", "+36 (30) 123 4567", "06-30-123-4567",
                "(0)6 12 34 56 78", "+1 (202) 555 0143", "tel0612345678", "mobile:07700900123", "+33-6-12-34-56-78"));
        return phones;
    }

    /** 0612345678 becomes 06.12.34.56.78: pairs, as most European numbers are written. */
    private static String group(String digits, String separator) {
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 2) {
            if (i > 0) {
                grouped.append(separator);
            }
            grouped.append(digits, i, Math.min(i + 2, digits.length()));
        }
        return grouped.toString();
    }

    private static Set<String> names() {
        Set<String> names = new LinkedHashSet<>(List.of("j.smith", "mohammed.ali", "J.Smith", "smith.j", "a.meyer",
                "l.kovacs", "g.rossi", "muhammad.khan", "ahmed.hassan", "fatima.khan", "ivan.petrov", "olga.ivanova",
                "wang.wei", "li.wei", "priya.sharma", "rahul.gupta", "mehmet.yilmaz",
                "yuki.tanaka", "hiroshi.sato", "minjun.kim", "nguyen.tran", "yosef.cohen", "maria.garcia",
                "jose.hernandez", "ayse.kaya", "omar.farouk", "smithjohn", "mohammedali", "wangwei", "JohnSmith",
                "Mohammed_Ali", "ALI_MOHAMMED", "Dr Meyer", "Dr. John Smith", "Prof. Kovacs", "Mrs J. Smith",
                "patient John Smith", "Herr Müller", "Mme Dubois", "J. Smith", "Anna Meyer", "John Smith", "SMITH John",
                "Иван Петров", "Мария Иванова", "Γιώργος Παπαδόπουλος", "Νίκος Κωνσταντίνου", "محمد علي",
                "فاطمة حسن", "王伟", "李娜", "张伟", "佐藤健", "דוד כהן", "שרה לוי", "dr.house.mrn00123456",
                "John.Smith.1985", "case-john-smith", "grp-anna-meyer", "s-for-mohammed-ali"));
        for (String[] person : PEOPLE) {
            String first = person[0];
            String last = person[1];
            names.add(first + "." + last);
            names.add(first + "_" + last);
            names.add(first + "-" + last);
            names.add(first + last);
            names.add(first.charAt(0) + "." + last);
            names.add(last + "_" + first.charAt(0));
            names.add(lower(first) + "." + lower(last));
            names.add(lower(first) + "_" + lower(last));
            names.add(lower(last) + "." + lower(first));
            names.add(lower(first) + lower(last));
            names.add(first.toUpperCase(Locale.ROOT) + "_" + last.toUpperCase(Locale.ROOT));
        }
        return names;
    }

    /** One birth date written every way a form or a spreadsheet writes it, after a birth word. */
    private static Set<String> datesOfBirth() {
        int[][] dates = {{1985, 3, 12}, {1992, 11, 5}, {1978, 1, 30}, {2001, 7, 4}, {1969, 12, 24}};
        String[] months = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"};
        Set<String> values = new LinkedHashSet<>();
        for (int[] date : dates) {
            String y = String.valueOf(date[0]);
            String m = two(date[1]);
            String d = two(date[2]);
            String month = months[date[1] - 1];
            values.add("dob-" + y + "-" + m + "-" + d);
            values.add("DOB " + d + "/" + m + "/" + y);
            values.add("dob" + d + m + y);
            values.add("DOB_" + y + m + d);
            values.add("d.o.b." + y + "." + m + "." + d);
            values.add("born-" + y + "-" + m + "-" + d);
            values.add("born " + date[2] + " " + month + " " + y);
            values.add("geb. " + d + "." + m + "." + y);
            values.add("geb-" + d + "-" + m + "-" + y);
            values.add("DOB: " + month + " " + date[2] + ", " + y);
            values.add("birthdate_" + y + m + d);
            values.add("bday-" + d + "-" + m + "-" + y.substring(2));
            values.add("date of birth " + d + "." + m + "." + y);
            values.add("fecha de nacimiento " + d + "/" + m + "/" + y);
            values.add("p-dob-" + d + m + y.substring(2));
            values.add("patient-" + d + "." + m + "." + y);
        }
        values.addAll(List.of("patient-John.Smith-DOB-1985-03-12", "nee le 12/03/1985", "nato il 12/03/1985",
                "szul-1985.03.12", "born 12/03/85", "Geburtsdatum 12.03.1985", "DOB 3/12/1985", "12/03/1985",
                "12.03.1985", "March 12, 1985", "12 March 1985", "1985-03-12 (dob)"));
        return values;
    }

    /** National, health and hospital numbers, most with the check digits the real ones have. */
    private static Set<String> nationalNumbers() {
        Set<String> values = new LinkedHashSet<>();
        for (String nhs : List.of("943476591", "401023213", "123456788", "485777345", "999123456")) {
            String number = withNhsCheckDigit(nhs);
            if (number == null) {
                continue;
            }
            values.add("nhs-" + number);
            values.add("NHS " + number.substring(0, 3) + " " + number.substring(3, 6) + " " + number.substring(6));
            values.add(number.substring(0, 3) + "-" + number.substring(3, 6) + "-" + number.substring(6));
            values.add("ref-" + number);
            values.add("nhsno" + number);
        }
        for (String mrn : List.of("00123456", "7654321", "12345678", "000987654")) {
            values.add("MRN" + mrn);
            values.add("mrn-" + mrn);
            values.add("MRN: " + mrn);
            values.add("hosp-no-" + mrn);
            values.add("patient-" + mrn);
            values.add("Patient ID " + mrn);
            values.add("urn_" + mrn);
        }
        values.addAll(List.of("ssn-123-45-6789", "123-45-6789", "SSN 078051120", "ssn.219.09.9999", "SSN-046-454-286",
                "bsn-111222333", "BSN 123456782", "id-111222333", "pesel-44051401359", "44051401359", "PESEL 02070803628",
                "nir-1850375123456", "insee 2 85 03 75 123 456", "19850312-" + swedishSerial("850312", "123"),
                "pnr " + "850312" + swedishSerial("850312", "456"), "cpr-120385-1234", "CPR 050792-4321",
                "AB123456C", "AB 12 34 56 C", "nino-JG103759A", "RSSMRA85C12H501Z", "rssmra85c12h501z",
                "12345678Z", "dni-12345678Z", "X1234567L", "756.1234.5678.97", "ahv-7561234567897", "taj-"
                        + withTajCheckDigit("12345678"), "TAJ " + withTajCheckDigit("03456789"),
                "medicare-2123456701", "svnr-1234120385", "chi-1203851234", "pid-00123456", "nhi-1234567", "emr-0012345678", "kvnr-123456789"));
        return values;
    }

    private static Set<String> postcodes() {
        Set<String> values = new LinkedHashSet<>();
        for (String uk : List.of("SW1A 1AA", "EC1A 1BB", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "LS1 4DY")) {
            values.add(uk);
            values.add(uk.replace(" ", ""));
            values.add(uk.replace(" ", "-"));
            values.add("postcode " + uk.toLowerCase(Locale.ROOT));
        }
        values.addAll(List.of("90210-1234", "zip-94103", "ZIP 10001-2345", "zip code 60614", "p-20500-0003",
                "K1A 0B1", "M5V-3L9", "H2X1Y4", "1012AB", "postcode 1012 AB", "PLZ 10115", "plz-80331",
                "CP 75013", "code postal 69003", "D02 X285", "A65F4E2", "01310-100", "irsz-1085", "CAP 00184",
                "postnummer 11455", "cep-01310100", "pin code 110001"));
        return values;
    }

    /** Earlier attempts again, written so that only a reader that normalises them sees what they are. */
    private static Set<String> unicodeTricks() {
        Set<String> values = new LinkedHashSet<>(List.of(
                "\uFF10\uFF16\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18",
                "tel \uFF10\uFF16 \uFF11\uFF12 \uFF13\uFF14 \uFF15\uFF16 \uFF17\uFF18",
                "\uFF4A\uFF44\uFF4F\uFF45\uFF20\uFF47\uFF4D\uFF41\uFF49\uFF4C\uFF0E\uFF43\uFF4F\uFF4D",
                "\uFF2A\uFF4F\uFF48\uFF4E \uFF33\uFF4D\uFF49\uFF54\uFF48",
                "nhs-\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19",
                "j\u200B.smith", "john\u200D.smith", "jo\u00ADhn.smi\u00ADth", "\uFEFFjohn.smith",
                "j\u200Bdoe@gmail.com", "nhs-943\u200B476\u200B5919", "d\u200Bo\u200Bb-1985-03-12",
                "\u0458ohn.smith", "j.\u0455mith", "\u0458.\u0455mith", "\u0430nna.meyer", "m\u043Ehammed.\u0430li",
                "J\u043Ehn Sm\u0456th", "\u0410nna Meyer", "\u0405W1A 1AA",
                "dob-\u0661\u0669\u0668\u0665-03-12", "\u24EA\u2465-\u2460\u2461-\u2462\u2463-\u2464\u2465-\u2466\u2467", "MRN\uFF10\uFF10\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16",
                "jdoe\uFF08at\uFF09gmail.com", "J\u2024Smith", "john\u2060smith\u2060@web.de"));
        return values;
    }

    private static String withNhsCheckDigit(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nine.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            return null;
        }
        return nine + (check == 11 ? 0 : check);
    }

    private static String withTajCheckDigit(String eight) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (eight.charAt(i) - '0') * (i % 2 == 0 ? 3 : 7);
        }
        return eight + sum % 10;
    }

    /** The four digits after a Swedish birth date: three of a serial and the Luhn check over all ten. */
    private static String swedishSerial(String yymmdd, String three) {
        String nine = yymmdd + three;
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int digit = nine.charAt(i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }
            sum += digit;
        }
        return three + (10 - sum % 10) % 10;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
