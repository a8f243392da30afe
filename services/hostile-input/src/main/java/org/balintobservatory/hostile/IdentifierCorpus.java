package org.balintobservatory.hostile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Participant ids that identify a person, as a school's integration might send them by mistake: email
 * addresses (with and without the {@code @}), phone numbers (national and international, with every usual
 * separator) and personal names (capitalised, run together, initials, lower- and upper-case). Every one of
 * them must be refused wherever a participant id is accepted. Also the pseudonyms that must keep working.
 */
public final class IdentifierCorpus {

    /** What an identifier-bearing attempt gives away. */
    public enum Kind { EMAIL, PHONE, NAME }

    public record Attempt(Kind kind, String value) {
    }

    /** Pseudonyms of the shapes schools use: they must be accepted. */
    public static final List<String> PSEUDONYMS = List.of("p-001", "p-7f3a9c", "P0042", "stud.2026.17", "a1b2c3",
            "LYON-2026-017", "res_0042", "cohort.b-07", "x.y.z", "9f86d081884c7d65", "participant-12", "S3.alpha.x9",
            "hu-sem-2026-0113", "P-Anna7");

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
        List<Attempt> attempts = new ArrayList<>();
        emails().forEach(v -> attempts.add(new Attempt(Kind.EMAIL, v)));
        phones().forEach(v -> attempts.add(new Attempt(Kind.PHONE, v)));
        names().forEach(v -> attempts.add(new Attempt(Kind.NAME, v)));
        return List.copyOf(attempts);
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
        Set<String> names = new LinkedHashSet<>();
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

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
