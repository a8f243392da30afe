package org.balintobservatory.demo;

import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.survey.Timepoint;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a consortium from a {@link ConsortiumSpec}: institutions, programmes, groups of varied
 * design, a programme year of sessions with attendance, withdrawals and cases, and empathy and burnout
 * questionnaires at BASELINE, POST and FOLLOW_UP_1 with the effects of {@link PlantedEffects}.
 *
 * <p>One random source, drawn in a fixed order, makes the output a pure function of the spec.
 */
public final class ConsortiumGenerator {

    public static final String EMPATHY = "jse-style";
    public static final String BURNOUT = "mbi-hss-style";
    public static final List<String> BURNOUT_SCALES =
            List.of("emotional-exhaustion", "depersonalisation", "personal-accomplishment");

    private static final List<Consortium.Institution> NAMED = List.of(
            new Consortium.Institution("hu-pannonia", "Pannonia Medical University", "HU"),
            new Consortium.Institution("de-rheinmain", "Rhein-Main Medical School", "DE"),
            new Consortium.Institution("gb-pennine", "Pennine School of Medicine", "GB"),
            new Consortium.Institution("us-lakeshore", "Lakeshore College of Medicine", "US"),
            new Consortium.Institution("nl-zuiderzee", "Zuiderzee Medical Centre", "NL"),
            new Consortium.Institution("se-norrland", "Norrland Medical Faculty", "SE"),
            new Consortium.Institution("it-appennino", "Appennino School of Medicine", "IT"),
            new Consortium.Institution("fr-loire", "Loire Faculty of Medicine", "FR"),
            new Consortium.Institution("hu-tisza", "Tisza Faculty of Medicine", "HU"),
            new Consortium.Institution("de-elbe", "Elbe University Hospital", "DE"),
            new Consortium.Institution("gb-severn", "Severn Medical School", "GB"),
            new Consortium.Institution("us-cascade", "Cascade Family Medicine Residency", "US"));
    private static final List<String> MORE_COUNTRIES = List.of("AT", "BE", "CH", "CZ", "DK", "ES", "FI", "IE", "IL",
            "NO", "PL", "PT", "RO", "SI", "SK", "CA", "AU", "BR", "JP", "ZA");
    private static final List<ParticipantType> TYPES = List.of(ParticipantType.MEDICAL_STUDENT, ParticipantType.RESIDENT,
            ParticipantType.GENERAL_PRACTITIONER, ParticipantType.MEDICAL_STUDENT, ParticipantType.MIXED,
            ParticipantType.RESIDENT);
    /** Themes drawn for cases, OTHER rarely. */
    private static final List<CaseTheme> THEMES = List.of(CaseTheme.values()).subList(0, CaseTheme.values().length - 1);
    /** Winter break, no sessions: 20 December to 5 January. */
    private static final MonthDay BREAK_FROM = MonthDay.of(12, 20);
    private static final MonthDay BREAK_TO = MonthDay.of(1, 5);

    private static final List<MeetingFrequency> BALANCED_FREQUENCIES =
            List.of(MeetingFrequency.WEEKLY, MeetingFrequency.FORTNIGHTLY, MeetingFrequency.MONTHLY);
    private static final List<SessionFormat> BALANCED_FORMATS =
            List.of(SessionFormat.IN_PERSON, SessionFormat.VIRTUAL, SessionFormat.HYBRID);

    private final ConsortiumSpec spec;
    private final SplittableRandom random;
    private final Set<String> usedIds = new HashSet<>();
    private int groupIndex;

    private ConsortiumGenerator(ConsortiumSpec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
    }

    public static Consortium generate(ConsortiumSpec spec) {
        return new ConsortiumGenerator(spec).generate();
    }

    private Consortium generate() {
        List<Consortium.Institution> institutions = new ArrayList<>();
        List<Consortium.Programme> programmes = new ArrayList<>();
        List<Consortium.Group> groups = new ArrayList<>();
        List<Consortium.Response> responses = new ArrayList<>();
        LocalDate start = spec.yearStart();
        LocalDate end = start.plusMonths(10).minusDays(1);
        for (int i = 0; i < spec.institutions(); i++) {
            Consortium.Institution institution = i < NAMED.size() ? NAMED.get(i)
                    : new Consortium.Institution(String.format("inst-%03d", i + 1), "Medical School " + (i + 1),
                    MORE_COUNTRIES.get(i % MORE_COUNTRIES.size()));
            institutions.add(institution);
            ParticipantType type = TYPES.get(i % TYPES.size());
            double baselineEmpathy = 96 + random.nextDouble() * 8;

            int groupCount = spec.groupsPerInstitution()
                    + (spec.extraGroupEvery() > 0 && i % spec.extraGroupEvery() == 0 ? 1 : 0);
            String programmeId = "balint-" + start.getYear();
            List<String> enrolled = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                Consortium.Group group = group(institution, programmeId, String.format("grp-%02d", g + 1), start, end);
                groups.add(group);
                group.members().forEach(m -> enrolled.add(m.participantId()));
                Map<String, Integer> attendedBy = new HashMap<>();
                group.sessions().forEach(s -> s.attendance().stream().filter(a -> a.status() == AttendanceStatus.PRESENT)
                        .forEach(a -> attendedBy.merge(a.participantId(), 1, Integer::sum)));
                double meanAttended = group.members().stream()
                        .mapToInt(m -> attendedBy.getOrDefault(m.participantId(), 0)).average().orElse(0);
                for (Consortium.Member member : group.members()) {
                    int attended = attendedBy.getOrDefault(member.participantId(), 0);
                    double dose = group.sessions().isEmpty() ? 0 : (double) attended / group.sessions().size();
                    double change = PlantedEffects.change(group.design(), group.sessions().size(), meanAttended,
                            attended) + random.nextGaussian() * PlantedEffects.CHANGE_NOISE;
                    surveys(responses, institution, programmeId, group.groupId(), member.participantId(), baselineEmpathy,
                            change, dose, member.withdrewOn() != null, start, end);
                }
            }
            programmes.add(new Consortium.Programme(institution.id(), programmeId, "Balint groups " + start.getYear()
                    + "/" + (start.getYear() + 1), type, Arm.INTERVENTION, institution.country(), start, end, enrolled));

            if (spec.controlEvery() > 0 && i % spec.controlEvery() == 1) {
                String controlId = "control-" + start.getYear();
                List<String> cohort = new ArrayList<>();
                for (int c = 0; c < spec.controlParticipants(); c++) {
                    String participant = participantId();
                    cohort.add(participant);
                    double change = PlantedEffects.CONTROL_DRIFT + random.nextGaussian() * PlantedEffects.CHANGE_NOISE;
                    surveys(responses, institution, controlId, null, participant, baselineEmpathy, change, 0, false,
                            start, end);
                }
                programmes.add(new Consortium.Programme(institution.id(), controlId, "Comparison cohort "
                        + start.getYear() + "/" + (start.getYear() + 1), type, Arm.CONTROL, institution.country(), start,
                        end, cohort));
            }
        }
        return new Consortium(spec.seed(), institutions, programmes, groups, responses);
    }

    private Consortium.Group group(Consortium.Institution institution, String programmeId, String groupId,
                                   LocalDate start, LocalDate end) {
        GroupDesign design = design();
        LocalDate formedOn = start.plusDays(random.nextInt(0, 10));
        List<Consortium.Member> members = new ArrayList<>();
        int size = Math.max(2, design.plannedSize() + random.nextInt(-1, 2));
        double withdrawal = PlantedEffects.withdrawal(design);
        for (int m = 0; m < size; m++) {
            LocalDate withdrewOn = random.nextDouble() < withdrawal
                    ? formedOn.plusDays(random.nextInt(20, (int) (end.toEpochDay() - formedOn.toEpochDay()))) : null;
            members.add(new Consortium.Member(participantId(), formedOn, withdrewOn));
        }
        double[] propensity = new double[size];
        for (int m = 0; m < size; m++) {
            propensity[m] = random.nextGaussian() * 0.07;
        }
        List<Consortium.Session> sessions = new ArrayList<>();
        int number = 0;
        for (LocalDate day : schedule(design.meetingFrequency(), formedOn.plusDays(random.nextInt(3, 14)), end)) {
            if (random.nextDouble() < 0.04) {
                continue;
            }
            number++;
            String sessionId = String.format("%s-s%02d", groupId, number);
            List<AttendanceEntry> attendance = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (int m = 0; m < size; m++) {
                Consortium.Member member = members.get(m);
                if (member.withdrewOn() != null && day.isAfter(member.withdrewOn())) {
                    continue;
                }
                double p = PlantedEffects.attendance(design) + propensity[m];
                AttendanceStatus status = random.nextDouble() < p ? AttendanceStatus.PRESENT
                        : random.nextDouble() < 0.4 ? AttendanceStatus.EXCUSED : AttendanceStatus.ABSENT;
                attendance.add(new AttendanceEntry(member.participantId(), status));
                if (status == AttendanceStatus.PRESENT) {
                    present.add(member.participantId());
                }
            }
            List<PresentedCase> cases = new ArrayList<>();
            int caseCount = present.size() < 2 ? 0 : random.nextDouble() < 0.3 ? 2 : 1;
            for (int c = 0; c < caseCount; c++) {
                String presenter = present.get(random.nextInt(present.size()));
                List<CaseTheme> themes = new ArrayList<>();
                themes.add(THEMES.get(random.nextInt(THEMES.size())));
                if (random.nextDouble() < 0.35) {
                    CaseTheme second = THEMES.get(random.nextInt(THEMES.size()));
                    if (!themes.contains(second)) {
                        themes.add(second);
                    }
                }
                Integer intensity = random.nextDouble() < 0.1 ? null : random.nextInt(1, 6);
                cases.add(new PresentedCase(sessionId + "-c" + (c + 1), presenter, List.copyOf(themes), intensity));
            }
            SessionFormat format = design.format() == SessionFormat.HYBRID
                    ? (number % 2 == 0 ? SessionFormat.VIRTUAL : SessionFormat.IN_PERSON) : design.format();
            int leaders = design.facilitation().leaders() == 2 && random.nextDouble() < 0.1 ? 1 : design.facilitation().leaders();
            sessions.add(new Consortium.Session(sessionId, day, design.sessionMinutes(), format, leaders,
                    List.copyOf(attendance), List.copyOf(cases)));
        }
        return new Consortium.Group(institution.id(), groupId, programmeId, design, formedOn, List.copyOf(members),
                List.copyOf(sessions));
    }

    private GroupDesign design() {
        int index = groupIndex++;
        FacilitationStyle style = FacilitationStyle.values()[index % FacilitationStyle.values().length];
        MeetingFrequency frequency;
        int size;
        SessionFormat format;
        int leaders;
        boolean accredited;
        if (spec.balanced()) {
            // Mixed radix over frequency (3), accreditation (2), co-leading (2) and format (3): every combination
            // once in 36 groups. Sizes step by 3 modulo their range, which is coprime with 3 and 2 whenever the
            // range is (11 sizes here), so every size comes with every level of the other factors alike.
            frequency = BALANCED_FREQUENCIES.get(index % 3);
            accredited = (index / 3) % 2 == 1;
            leaders = (index / 6) % 2 == 1 ? 2 : 1;
            format = BALANCED_FORMATS.get((index / 12) % 3);
            int sizes = spec.maxSize() - spec.minSize() + 1;
            size = spec.minSize() + (3 * index + index / 36) % sizes;
        } else {
            frequency = weighted(spec.frequencyWeights());
            size = random.nextInt(spec.minSize(), spec.maxSize() + 1);
            double f = random.nextDouble();
            format = f < 0.5 ? SessionFormat.IN_PERSON : f < 0.8 ? SessionFormat.VIRTUAL : SessionFormat.HYBRID;
            leaders = random.nextBoolean() ? 2 : 1;
            accredited = random.nextBoolean();
        }
        List<LeaderBackground> backgrounds = new ArrayList<>();
        for (int l = 0; l < leaders; l++) {
            backgrounds.add(LeaderBackground.values()[random.nextInt(LeaderBackground.values().length - 1)]);
        }
        int minutes = switch (frequency) {
            case WEEKLY -> 90;
            case FORTNIGHTLY -> 90;
            default -> 120;
        };
        return new GroupDesign(size, frequency, minutes, format,
                new Facilitation(style, leaders, List.copyOf(backgrounds), accredited));
    }

    private MeetingFrequency weighted(Map<MeetingFrequency, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double draw = random.nextDouble() * total;
        MeetingFrequency last = null;
        for (MeetingFrequency frequency : MeetingFrequency.values()) {
            Double w = weights.get(frequency);
            if (w == null) {
                continue;
            }
            last = frequency;
            draw -= w;
            if (draw < 0) {
                return frequency;
            }
        }
        return last;
    }

    /** Meeting days from the first session to the end of the year, skipping the winter break. */
    static List<LocalDate> schedule(MeetingFrequency frequency, LocalDate first, LocalDate end) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(end); day = next(frequency, day)) {
            MonthDay md = MonthDay.from(day);
            if (!md.isBefore(BREAK_FROM) || !md.isAfter(BREAK_TO)) {
                continue;
            }
            days.add(day);
        }
        return days;
    }

    private static LocalDate next(MeetingFrequency frequency, LocalDate day) {
        return switch (frequency) {
            case WEEKLY -> day.plusWeeks(1);
            case FORTNIGHTLY -> day.plusWeeks(2);
            case MONTHLY, OTHER -> day.plusWeeks(4);
        };
    }

    private void surveys(List<Consortium.Response> responses, Consortium.Institution institution, String programmeId,
                         String groupId, String participant, double baselineEmpathy, double change, double dose,
                         boolean withdrew, LocalDate start, LocalDate end) {
        double empathy = baselineEmpathy + random.nextGaussian() * PlantedEffects.BASELINE_SD;
        double exhaustion = 24 + random.nextGaussian() * 10;
        double depersonalisation = 9 + random.nextGaussian() * 5;
        double accomplishment = 36 + random.nextGaussian() * 7;
        double burnoutNoise = random.nextGaussian();
        boolean control = groupId == null;
        // Missingness: later timepoints are skipped more, by those who attended less and by leavers.
        double post = withdrew ? 0.3 : control ? 0.75 : 0.7 + 0.25 * dose;
        double followUp = post * 0.75;
        Map<Timepoint, Double> shareOfChange = new LinkedHashMap<>();
        if (random.nextDouble() < 0.95) {
            shareOfChange.put(Timepoint.BASELINE, 0.0);
        }
        if (random.nextDouble() < post) {
            shareOfChange.put(Timepoint.POST, 1.0);
        }
        if (random.nextDouble() < followUp) {
            shareOfChange.put(Timepoint.FOLLOW_UP_1, PlantedEffects.RETAINED_AT_FOLLOW_UP);
        }
        for (Map.Entry<Timepoint, Double> at : shareOfChange.entrySet()) {
            Timepoint timepoint = at.getKey();
            double delta = change * at.getValue();
            LocalDate completedOn = switch (timepoint) {
                case BASELINE -> start.plusDays(random.nextInt(-7, 14));
                case POST -> end.plusDays(random.nextInt(-14, 14));
                default -> end.plusDays(random.nextInt(90, 120));
            };
            double wobble = timepoint == Timepoint.BASELINE ? 0 : 1;
            responses.add(new Consortium.Response(institution.id(), responseId(participant, "jse", timepoint), participant,
                    programmeId, groupId, EMPATHY, timepoint, completedOn,
                    Map.of("total", clamp(empathy + delta + wobble * random.nextGaussian() * 3, 20, 140))));
            if (random.nextDouble() < 0.9) {
                double burnoutDelta = delta + wobble * burnoutNoise * 4;
                Map<String, Integer> scores = new LinkedHashMap<>();
                scores.put("emotional-exhaustion", clamp(exhaustion
                        + PlantedEffects.EXHAUSTION_PER_EMPATHY * burnoutDelta + wobble * random.nextGaussian() * 3, 0, 54));
                scores.put("depersonalisation", clamp(depersonalisation
                        + PlantedEffects.DEPERSONALISATION_PER_EMPATHY * burnoutDelta + wobble * random.nextGaussian() * 2, 0, 30));
                scores.put("personal-accomplishment", clamp(accomplishment
                        + PlantedEffects.ACCOMPLISHMENT_PER_EMPATHY * burnoutDelta + wobble * random.nextGaussian() * 2, 0, 48));
                responses.add(new Consortium.Response(institution.id(), responseId(participant, "mbi", timepoint),
                        participant, programmeId, groupId, BURNOUT, timepoint, completedOn, scores));
            }
        }
    }

    private static String responseId(String participant, String instrument, Timepoint timepoint) {
        return participant + "-" + instrument + "-" + timepoint.name().toLowerCase().replace('_', '-');
    }

    private static int clamp(double value, int min, int max) {
        return (int) Math.max(min, Math.min(max, Math.round(value)));
    }

    /** A pseudonymous id: nothing in it points to a person. */
    private String participantId() {
        String id;
        do {
            id = pseudonym(random.nextInt());
        } while (!usedIds.add(id));
        return id;
    }

    /**
     * A participant's pseudonym from a random draw: {@code p-} and eight hex digits, at least one of them a letter.
     * Eight decimal digits can read as a date of birth ({@code p-19560720}), which the services' identifier guard
     * refuses, as it should; one draw in about 43 is all decimal, so a consortium of 110,000 participants had
     * thousands. Such a draw has its first digit turned into a letter, so no other draw, and nothing else of the
     * consortium, changes.
     */
    static String pseudonym(int draw) {
        char[] hex = String.format("%08x", draw & 0xffffffffL).toCharArray();
        boolean letter = false;
        for (char c : hex) {
            letter |= c >= 'a';
        }
        if (!letter) {
            hex[0] = (char) ('a' + (hex[0] - '0') % 6);
        }
        return "p-" + new String(hex);
    }
}
