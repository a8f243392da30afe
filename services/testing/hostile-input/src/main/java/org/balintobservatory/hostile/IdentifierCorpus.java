package org.balintobservatory.hostile;

import java.util.ArrayList;
import java.util.EnumSet;
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
 * characters, zero-width characters, Cyrillic look-alike letters); then at least twenty of each category the
 * guard checks by shape (titles and role words before names, record numbers, postcodes of the consortium's
 * countries, user names, affixed dates of birth, percent-encoded values), written with surnames the guard does
 * not list, so that they are caught by the category and not by a list. Every one must be refused in every id
 * and free-text field it can reach; participant ids are the exception, because the services replace them with
 * a keyed pseudonym before anything is stored. Also the pseudonyms, names, ids and case-theme texts that must
 * keep working ({@link #legitimate()}).
 */
public final class IdentifierCorpus {

    /** What an identifier-bearing attempt gives away. */
    public enum Kind {
        EMAIL, PHONE, NAME, DATE_OF_BIRTH, NATIONAL_NUMBER, POSTCODE, UNICODE_TRICK,
        /** A title or a role word before a name: {@code Mrs O'Brien}, {@code Patient Okafor}, {@code dr.house}. */
        TITLE_AND_NAME,
        /** A patient or record number after its word: {@code MRN 4711}, {@code case no 4711}. */
        RECORD_NUMBER,
        /** Postcodes of the consortium's countries in their usual spellings: {@code sw1a1aa}, {@code 10115 Berlin}. */
        POSTCODE_BY_COUNTRY,
        /** User-name shapes and handles: {@code a.kowalska}, {@code zofia.wrobel}, {@code username jdoe85}. */
        USER_NAME,
        /** A date of birth glued to letters or written as eight digits: {@code b19850312}, {@code 12031985x}. */
        AFFIXED_DATE_OF_BIRTH,
        /** Any of the above percent-encoded, once or twice, or as HTML entities: {@code jdoe%40gmail.com}. */
        PERCENT_ENCODED
    }

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

    /**
     * Names, ids and texts that identify no one and must pass in every field: programme names in the
     * consortium's languages, group and programme ids of the shapes schools use, and the texts of case themes.
     * The guard's test requires every one to pass.
     */
    public static List<String> legitimate() {
        Set<String> all = new LinkedHashSet<>();
        all.addAll(LEGITIMATE_PROGRAMME_NAMES);
        all.addAll(legitimateGroupIds());
        all.addAll(LEGITIMATE_CASE_THEMES);
        all.addAll(ORDINARY_TEXTS);
        all.addAll(PSEUDONYMS);
        return List.copyOf(all);
    }

    /** Programme names as schools write them, in their languages. */
    public static final List<String> LEGITIMATE_PROGRAMME_NAMES = List.of(
            "GP training (Dr-led)", "Balint groups for GP trainees 2026", "Balint groups for residents, year 2",
            "Family medicine residency, cohort B", "Psychiatry residents' Balint group", "Paediatrics Balint group",
            "Balint work for foundation doctors", "Foundation Year 2 reflective practice", "Patient safety and Balint work",
            "Patient-centred communication", "Patient Safety Week", "Resident Balint Group", "Resident wellbeing programme",
            "Client-centred care seminar", "Doctor-patient relationship course", "Dr-led reflective practice",
            "Consultant-led case discussion", "Nurse-led Balint group", "Balint groups for medical students 2025/26",
            "Medical students, third year", "Internal medicine residents 2026", "Oncology team reflection",
            "Palliative care Balint group", "Emergency medicine wellbeing series", "Surgical trainees' case reflection",
            "Obstetrics and gynaecology Balint", "Mental health nursing Balint group", "Primary care reflective forum",
            "Leadership for GP registrars", "Pennine GP Balint programme", "Severn Balint groups 2026",
            "Loire faculty Balint cycle", "Rhein-Main Balint-Gruppen", "Norrland Balint groups", "Zuiderzee Balint",
            "Lakeshore family medicine Balint", "Cascade residency Balint group", "Appennino gruppi Balint",
            "Tisza Balint csoport", "Pannonia Balint groups", "Elbe Balint-Gruppe", "Comparison cohort 2025/2026",
            "Control arm, no groups", "Waiting-list control 2026", "Pilot study, autumn term",
            "Balint-Gruppen für Assistenzärzte 2026", "Balint-Gruppe für Ärztinnen und Ärzte in Weiterbildung",
            "Balintgruppe Allgemeinmedizin", "Fallbesprechung in der Inneren Medizin", "Psychosomatische Grundversorgung",
            "Patientenzentrierte Kommunikation", "Arzt-Patient-Beziehung im Klinikalltag", "Weiterbildungskurs 2026",
            "Groupes Balint, internes DES", "Groupe Balint des internes de médecine générale", "Relation médecin-patient",
            "Formation à la relation thérapeutique", "Groupe Balint pour étudiants en santé", "Cycle Balint 2025-2026",
            "Groupes Balint du DUMG", "Soins palliatifs et groupe Balint", "Internes de psychiatrie, promotion 2026",
            "Balintgroepen voor huisartsen in opleiding", "Balintgroep AIOS huisartsgeneeskunde",
            "Intervisie voor artsen in opleiding", "Patiëntgerichte communicatie", "Reflectie voor coassistenten",
            "Grupos Balint para residentes de Medicina Familiar", "Grupo Balint de residentes MIR",
            "Relación médico-paciente", "Formación en comunicación clínica", "Atención primaria, grupo Balint",
            "Gruppi Balint per specializzandi", "Gruppo Balint di medicina generale", "Relazione medico-paziente",
            "Formazione specifica in medicina generale", "Gruppi Balint per infermieri",
            "Balintgrupper för ST-läkare", "Balintgrupp för AT-läkare", "Läkare under specialisering",
            "Balintgrupper for leger i spesialisering", "Balintgruppe for læger i hoveduddannelse",
            "Grupy Balinta dla rezydentów", "Grupa Balinta dla lekarzy rodzinnych", "Bálint-csoport rezidenseknek",
            "Bálint-csoport háziorvosoknak", "Grupos Balint para internos de formação específica",
            "Balintovské skupiny pro lékaře", "Балинтовские группы 2026", "Балинтовская группа для ординаторов",
            "Ομάδες Balint 2026", "巴林特小组2026", "バリントグループ 2026", "קבוצות בלינט למתמחים",
            "مجموعات بالينت للأطباء المقيمين", "Balint groups, Lyon 2026", "Balint groups 2026 Berlin",
            "Balint 2026 Amsterdam", "Cohort 2025/26, second year", "Cohort 3B, spring 2026", "Year 1 cohort, group A",
            "Monday evening group", "Wednesday evening Balint", "Fortnightly online Balint", "Hybrid Balint pilot",
            "Balint groups for GP trainees, North", "GP trainees South West", "Registrars' reflective practice 2026",
            "Junior doctors' forum", "Senior residents' forum", "Interns' Balint group, block 2", "Block 3, rotation B",
            "Doctor wellbeing programme", "Burnout prevention and Balint work", "Empathy training for students",
            "Communication skills, module 4", "Professional identity formation", "Narrative medicine seminar",
            "Medical humanities and Balint", "Patient experience and reflection", "Shared decision making workshop",
            "Breaking bad news workshop", "End-of-life care reflection", "Team conflict and reflection",
            "Sir Run Run Shaw Hospital Balint", "Queen Mary University of London", "St George's Balint group",
            "St. Gallen Balint-Gruppe", "Mount Sinai family medicine", "Karolinska Institutet Balint",
            "Charité – Universitätsmedizin Berlin", "Université Lyon 1", "Semmelweis University",
            "Medical School 12", "Programme 2026-01-05 to 2026-12-18", "Balint groups 2025/2026",
            "2025-2026 cohort, Lyon", "Room 101, building 4", "Ward 7 reflective practice", "Clinic B team");

    /** Texts of case themes: the list's names and meanings, and the short descriptions schools write. */
    public static final List<String> LEGITIMATE_CASE_THEMES = List.of("DIFFICULT_PATIENT", "END_OF_LIFE",
            "BREAKING_BAD_NEWS", "FAMILY_CONFLICT", "BOUNDARIES", "PSYCHOSOMATIC", "MEDICAL_ERROR", "CHRONIC_ILLNESS",
            "MENTAL_HEALTH", "SUBSTANCE_USE", "CULTURAL_DIFFERENCE", "AGGRESSION", "UNCERTAINTY", "DOCTOR_WELLBEING",
            "TEAM_CONFLICT", "OTHER",
            "a patient the doctor experiences as demanding, hostile, manipulative or exhausting",
            "dying, palliative care, decisions to limit treatment, bereavement",
            "telling a patient or family about a serious diagnosis, prognosis or outcome",
            "relatives in disagreement with each other, with the patient or with the care team",
            "the professional frame: gifts, friendship, attraction, over-involvement, requests outside the role",
            "physical complaints without sufficient organic explanation, somatisation",
            "a mistake, near miss or complication, and living with it",
            "long-term conditions and the long relationship they bring",
            "a patient's psychiatric illness, suicidality or crisis", "alcohol, drugs or medication misuse",
            "language, culture, religion or values that differ between patient and doctor",
            "verbal or physical aggression, threats or violence towards the doctor or team",
            "diagnostic or therapeutic uncertainty and how it is tolerated",
            "the presenter's own strain, burnout, fear or guilt as the centre of the case",
            "tensions with colleagues, supervisors or other professions about a patient",
            "patient refused treatment", "a patient refused treatment", "the patient died after discharge",
            "Patient refused treatment", "Patient with chronic pain and family conflict",
            "Patient X with recurrent complaints", "Difficult patient encounter in the emergency department",
            "Resident felt guilty after a near miss", "A resident asked for help too late",
            "Client missed three appointments", "Patient angry about waiting times",
            "Patient demanding antibiotics", "Patient in palliative care refusing food",
            "Young patient with an eating disorder", "Elderly patient living alone",
            "Patient's daughter disagrees with the care plan", "Gifts from a grateful patient",
            "Doctor burnout after night shifts", "Uncertainty about a diagnosis", "Aggression in the waiting room",
            "Patient threatened the receptionist", "Cultural difference in end-of-life decisions",
            "Medication misuse in an older patient", "Team conflict about a discharge",
            "Patientin mit chronischen Schmerzen", "Patient verweigert die Behandlung", "schwierige Patientin",
            "Konflikt mit Angehörigen", "patient en fin de vie", "Patiente agressive aux urgences",
            "annonce d'un diagnostic grave", "paciente con dolor crónico", "Paciente que rechaza el tratamiento",
            "paziente aggressivo in pronto soccorso", "Paziente con malattia cronica", "patiënt weigert behandeling",
            "moeilijke patiënt op de huisartsenpost", "patient som vägrar behandling", "pacjent z przewlekłym bólem",
            "nehéz beteg a rendelőben", "Patient complained about the resident", "Pt declined follow-up",
            "patient and relatives in conflict over resuscitation", "Patient Safety incident, reflection");

    /** Group and programme ids of the shapes schools use, generated over their usual parts. */
    public static List<String> legitimateGroupIds() {
        Set<String> ids = new LinkedHashSet<>(List.of("grp-2026-a", "balint-wed-evening", "fz-group", "p-101", "g-12",
                "cohort-3b", "g-tuesday", "g-other", "gp-2026", "other-only", "balint-2026", "control-2026",
                "grp-01", "grp-01-s02", "grp-01-s02-c1", "gp-residents-2026", "hu-pannonia", "de-rheinmain",
                "gb-pennine", "us-lakeshore", "nl-zuiderzee", "se-norrland", "it-appennino", "fr-loire", "hu-tisza",
                "de-elbe", "gb-severn", "us-cascade", "inst-012", "s-2026-03-03", "c-2026-03-03-a", "fix-2026-03-05",
                "case-0042", "case-3", "pt-education", "patient-safety-2026", "resident-wellbeing", "client-feedback",
                "dr-led-group", "team.alpha", "lyon.gp", "gp.trainees", "s.alpha", "x.y.z", "stud.2026.17",
                "cohort.b-07", "pilot-2025-autumn", "wave-2", "arm-control", "arm-intervention", "lyon-des-2026",
                "charite-ag-3", "semmelweis-2026-b", "ki-st-2026", "bg-2025-26", "bal-grp-7", "g7", "grp7-s3",
                "fam-med-res-b", "im-res-2026", "psych-2026-spring", "peds-ward-7"));
        String[] days = {"mon", "tue", "wed", "thu", "fri"};
        String[] times = {"morning", "afternoon", "evening"};
        for (String day : days) {
            for (String time : times) {
                ids.add("balint-" + day + "-" + time);
                ids.add(day + "-" + time + "-group");
            }
        }
        String[] prefixes = {"grp", "g", "group", "cohort", "bg", "balint"};
        for (String prefix : prefixes) {
            for (int year = 2024; year <= 2027; year++) {
                ids.add(prefix + "-" + year + "-" + (char) ('a' + year % 4));
                ids.add(prefix + "-" + year);
            }
            for (int n = 1; n <= 5; n++) {
                ids.add(prefix + "-" + n + (char) ('a' + n));
                ids.add(prefix + "-0" + n);
            }
        }
        return List.copyOf(ids);
    }

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

    /** In the normal test run a field is sent one attempt in this many ({@link #share}). */
    public static final int SHORT_RUN_SHARE = 6;

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
        add.accept(Kind.TITLE_AND_NAME, titlesAndNames());
        add.accept(Kind.RECORD_NUMBER, recordNumbers());
        add.accept(Kind.POSTCODE_BY_COUNTRY, postcodesByCountry());
        add.accept(Kind.USER_NAME, userNames());
        add.accept(Kind.AFFIXED_DATE_OF_BIRTH, affixedDatesOfBirth());
        add.accept(Kind.PERCENT_ENCODED, percentEncoded());
        return List.copyOf(attempts);
    }

    /**
     * The attempts the {@code field}th field of a test is sent. With {@code -Dhostile.full=true} (the
     * {@code hostile-full} profile), all of them. In the normal test run, every {@value #SHORT_RUN_SHARE}th,
     * starting at an offset that moves on with each field, so that a test's fields together send about the whole
     * corpus once, and the first attempt of each kind the share left out, so that every field meets every kind.
     */
    public static List<Attempt> share(List<Attempt> attempts, int field) {
        if (Boolean.getBoolean("hostile.full")) {
            return attempts;
        }
        List<Attempt> share = new ArrayList<>();
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (int i = field % SHORT_RUN_SHARE; i < attempts.size(); i += SHORT_RUN_SHARE) {
            share.add(attempts.get(i));
            kinds.add(attempts.get(i).kind());
        }
        for (Attempt attempt : attempts) {
            if (kinds.add(attempt.kind())) {
                share.add(attempt);
            }
        }
        return List.copyOf(share);
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

    /** Surnames the guard does not list, so that a category is caught by its shape, not by a list. */
    private static final String[] UNLISTED_SURNAMES = {"O'Brien", "Okafor", "Nakamura", "Kowalczyk", "Wrobel",
            "Lindqvist", "Haugen", "Brennan", "Gallagher", "Dimitriou", "Virtanen", "Novotna", "Fitzgerald",
            "MacLeod", "Jankowska", "Schaefer", "Lefevre", "Eriksen", "Okonkwo", "Horvat", "Quispe", "Achterberg",
            "Rasmussen", "Van der Berg"};

    /** Every title before a surname it does not know, in the case forms writes it, and as an id. */
    private static Set<String> titlesAndNames() {
        String[] titles = {"Mrs", "Mr", "Ms", "Dr", "Dr.", "Prof.", "Herr", "Frau", "Mme", "Mevr.", "Dhr.", "Sra.",
                "Dott.", "Dott.ssa", "Sir", "Dame", "Miss", "Sr.", "MRS", "DR."};
        String[] roles = {"Patient", "patient", "Pt", "Client", "client", "Resident", "Patientin", "Paciente",
                "Paziente", "Cliente", "the patient", "Pt."};
        Set<String> values = new LinkedHashSet<>(List.of("Mrs O'Brien", "DR. GREGORY HOUSE", "Dr. med. Anna Schmidt",
                "Prof. Dr. Lindqvist", "Mevr. de Vries", "Dhr. van Dijk", "M. Okafor", "Pt J. Kowalczyk",
                "patient J Nakamura", "Patient: Brennan", "dr.house", "mrs-obrien", "mr_okafor", "prof-nakamura",
                "herr.wrobel", "dott.ssa-esposito", "patient-okafor", "pt-kowalczyk", "client-brennan",
                "resident-lindqvist", "DR-GALLAGHER", "mevr.achterberg", "sra-quispe", "frau_schaefer"));
        for (int i = 0; i < titles.length; i++) {
            String surname = UNLISTED_SURNAMES[i % UNLISTED_SURNAMES.length];
            values.add(titles[i] + " " + (titles[i].equals(titles[i].toUpperCase(Locale.ROOT))
                    ? surname.toUpperCase(Locale.ROOT) : surname));
        }
        for (int i = 0; i < roles.length; i++) {
            values.add(roles[i] + " " + UNLISTED_SURNAMES[(i + 7) % UNLISTED_SURNAMES.length]);
        }
        return values;
    }

    private static Set<String> recordNumbers() {
        return new LinkedHashSet<>(List.of("MRN 4711", "MRN: A12345", "mrn-4711", "patient id 20931",
                "Patient ID: 20931", "record no. 00123", "record-no-00123", "case no 4711", "case-no-4711",
                "caseno4711", "Fallnummer 8812", "Patientennummer 77120", "pat. nr. 5512", "patient-48213",
                "pt-0042", "client 40032", "chart #88213", "file no 7731", "NHC 20931", "hospital number 4471",
                "hospital no 4471", "dossier 88123", "numero de dossier 88123", "URN 7712", "record id 55321",
                "rec-no-3312", "patientid-20931", "medical record number 004711", "health id 77120",
                "member no 5512"));
    }

    private static Set<String> postcodesByCountry() {
        return new LinkedHashSet<>(List.of("sw1a1aa", "ec1a-1bb", "sw1a 1aa", "m1 1ae", "ls1-4dy", "b33.8th",
                "London SW1A 1AA", "1012 AB Amsterdam", "1012ab", "1012AB Amsterdam", "3511 lk utrecht", "nl-1012ab",
                "10115 Berlin", "D-10115", "de-10115", "10115-berlin", "80331 München", "75013 Paris", "F-75013",
                "75013-paris", "69003 Lyon", "1000 Bruxelles", "3000 Leuven", "BE-1000", "d02 x285", "D02 X285 Dublin",
                "NY 10001", "CA 94103-1234", "k1a 0b1", "m5v-3l9", "Toronto M5V 3L9", "NSW 2000", "Sydney NSW 2000",
                "VIC 3000", "8001 Zürich", "CH-8001", "ch-8001", "1010 Wien", "AT-1010", "2100 København", "DK-2100",
                "114 55 Stockholm", "SE-114 55", "0150 Oslo", "NO-0150", "00-950 Warszawa", "PL-00-950", "00-950",
                "28013 Madrid", "E-28013", "00184 Roma", "I-00184", "1000-001 Lisboa", "PT-1000-001", "1085 Budapest",
                "Postleitzahl 10115", "code postal 75013", "kod pocztowy 00-950"));
    }

    private static Set<String> userNames() {
        return new LinkedHashSet<>(List.of("a.kowalska", "z.wrobel", "m.nakamura", "k_lindqvist", "b.okafor85",
                "e.virtanen", "p.dimitriou", "h_nakamura", "r.fitzgerald", "c.macleod", "j.brennan", "s.gallagher",
                "zofia.wrobel", "tomasz.jankowski", "aoife.brennan", "siobhan.gallagher", "lars.haugen",
                "marta.novotna", "sinead_obrien", "chidi.okonkwo", "ingrid.eriksen2", "A.Kowalska", "Zofia.Wrobel",
                "username jdoe85", "login: akowalska", "twitter @jdoe", "instagram: zofia.wrobel", "handle kowalska_a",
                "user-id zwrobel", "linkedin aoife-brennan"));
    }

    /** Five birth dates written as record systems glue a date of birth into an id. */
    private static Set<String> affixedDatesOfBirth() {
        int[][] dates = {{1985, 3, 12}, {1992, 11, 5}, {1978, 1, 30}, {2001, 7, 4}, {1969, 12, 24}};
        Set<String> values = new LinkedHashSet<>();
        for (int[] date : dates) {
            String y = String.valueOf(date[0]);
            String m = two(date[1]);
            String d = two(date[2]);
            values.add("b" + y + m + d);
            values.add(d + m + y + "x");
            values.add("p-" + y + m + d);
            values.add("b" + y + "-" + m + "-" + d);
            values.add(y + "-" + m + "-" + d + "x");
            values.add("x-" + d + "." + m + "." + y);
            values.add("id_" + d + m + y);
        }
        return values;
    }

    /** Earlier attempts percent-encoded as a URL or a form carries them, once or twice, or as HTML entities. */
    private static Set<String> percentEncoded() {
        return new LinkedHashSet<>(List.of("jdoe%40gmail.com", "anna.kowalska%40uni-lyon.fr", "jdoe%2540gmail.com",
                "%6A%64%6F%65%40%67%6D%61%69%6C%2E%63%6F%6D", "mailto%3Ajdoe%40web.de", "Mrs%20O%27Brien",
                "SW1A%201AA", "dob%3A%201985-03-12", "Patient%20Okafor", "10115%20Berlin", "MRN%204711",
                "jdoe&#64;gmail.com", "jdoe&#x40;gmail.com", "a.kowalska%40charite.de", "z.wrobel%2540gmail.com",
                "%2B33%206%2012%2034%2056%2078", "j.doe%40outlook.com", "DR.%20GREGORY%20HOUSE", "zip%3A%2094103",
                "nhs%20943%20476%205919", "anna%2Ekowalska%40web%2Ede", "jdoe%252540gmail.com", "1012%20AB%20Amsterdam",
                "user%3Djdoe%40gmail.com"));
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
