package org.balintobservatory.demo;

import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.survey.Timepoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ConsortiumGeneratorTest {

    private static final Consortium DEMO = ConsortiumGenerator.generate(ConsortiumSpec.demo(42));

    @Test
    void sameSeedGivesTheSameConsortiumAndAnotherSeedAnotherOne(@TempDir Path dir) throws IOException {
        Consortium again = ConsortiumGenerator.generate(ConsortiumSpec.demo(42));
        assertThat(again).isEqualTo(DEMO);
        assertThat(ConsortiumGenerator.generate(ConsortiumSpec.demo(43))).isNotEqualTo(DEMO);

        NdjsonWriter writer = new NdjsonWriter();
        long lines = writer.write(ApiPlan.byInstitution(DEMO), dir.resolve("a"));
        writer.write(ApiPlan.byInstitution(again), dir.resolve("b"));
        assertThat(Files.readString(dir.resolve("a/hu-pannonia.groups.ndjson")))
                .isEqualTo(Files.readString(dir.resolve("b/hu-pannonia.groups.ndjson")));
        assertThat(Files.readString(dir.resolve("a/hu-pannonia.surveys.ndjson")))
                .isEqualTo(Files.readString(dir.resolve("b/hu-pannonia.surveys.ndjson")));
        assertThat(Files.readAllLines(dir.resolve("a/hu-pannonia.groups.ndjson")))
                .allMatch(line -> line.startsWith("{\"op\":\""));
        assertThat(lines).isEqualTo(ApiPlan.byInstitution(DEMO).values().stream().mapToLong(List::size).sum());
    }

    @Test
    void demoCoversTheConsortiumTheIssueAsksFor() {
        assertThat(DEMO.institutions()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(DEMO.institutions().stream().map(Consortium.Institution::country).distinct()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(DEMO.groups()).hasSizeGreaterThanOrEqualTo(60);
        List<GroupDesign> designs = DEMO.groups().stream().map(Consortium.Group::design).toList();
        assertThat(designs).allMatch(d -> d.plannedSize() >= 5 && d.plannedSize() <= 15);
        assertThat(designs.stream().map(GroupDesign::plannedSize).collect(Collectors.toSet())).contains(5, 15);
        assertThat(designs.stream().map(d -> d.facilitation().style()).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(FacilitationStyle.class));
        assertThat(designs.stream().map(d -> d.facilitation().leaders()).collect(Collectors.toSet())).containsExactlyInAnyOrder(1, 2);
        assertThat(designs.stream().map(d -> d.facilitation().accreditedLeader()).collect(Collectors.toSet())).containsExactlyInAnyOrder(true, false);
        assertThat(designs.stream().map(GroupDesign::format).collect(Collectors.toSet())).isEqualTo(EnumSet.allOf(SessionFormat.class));
        assertThat(designs.stream().map(GroupDesign::meetingFrequency).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(MeetingFrequency.WEEKLY, MeetingFrequency.FORTNIGHTLY, MeetingFrequency.MONTHLY);
        assertThat(DEMO.programmes().stream().filter(p -> p.arm() == Arm.CONTROL).map(Consortium.Programme::institutionId).distinct())
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(DEMO.groups().stream().flatMap(g -> g.members().stream()).filter(m -> m.withdrewOn() != null)).isNotEmpty();
        assertThat(DEMO.groups().stream().flatMap(g -> g.sessions().stream()).flatMap(s -> s.cases().stream()))
                .isNotEmpty().allMatch(c -> !c.themes().isEmpty());
        assertThat(DEMO.responses().stream().map(Consortium.Response::instrument).distinct())
                .containsExactlyInAnyOrder(ConsortiumGenerator.EMPATHY, ConsortiumGenerator.BURNOUT);
        assertThat(DEMO.eventCount()).isBetween(15_000L, 40_000L);
    }

    @Test
    void laterTimepointsAreMissingMoreOften() {
        Map<Timepoint, Long> empathy = DEMO.responses().stream()
                .filter(r -> r.instrument().equals(ConsortiumGenerator.EMPATHY))
                .collect(Collectors.groupingBy(Consortium.Response::timepoint, Collectors.counting()));
        assertThat(empathy.get(Timepoint.BASELINE)).isGreaterThan(empathy.get(Timepoint.POST));
        assertThat(empathy.get(Timepoint.POST)).isGreaterThan(empathy.get(Timepoint.FOLLOW_UP_1));
    }

    @Test
    void idsArePseudonymousAndValid() {
        Predicate<String> valid = id -> id.matches("[A-Za-z0-9._-]{3,64}");
        assertThat(DEMO.groups().stream().flatMap(g -> g.members().stream()).map(Consortium.Member::participantId)).allMatch(valid);
        assertThat(DEMO.responses().stream().map(Consortium.Response::responseId)).allMatch(valid).doesNotHaveDuplicates();
        assertThat(DEMO.groups().stream().flatMap(g -> g.sessions().stream()).map(Consortium.Session::sessionId)).allMatch(valid);
    }

    /**
     * The identifier guard of the services refuses ids and names that could identify a person; the demo is
     * loaded through the public API, so every id and name it sends must pass it (participant ids are stored
     * only as pseudonyms and meet no such rule).
     */
    @Test
    void everyIdAndNameTheDemoSendsPassesTheIdentifierGuard() {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        DEMO.institutions().forEach(i -> {
            ids.add(i.id());
            names.add(i.name());
        });
        DEMO.programmes().forEach(p -> {
            ids.add(p.programmeId());
            names.add(p.name());
        });
        DEMO.groups().forEach(g -> {
            ids.add(g.groupId());
            g.sessions().forEach(s -> {
                ids.add(s.sessionId());
                s.cases().forEach(c -> ids.add(c.caseId()));
            });
        });
        DEMO.responses().forEach(r -> ids.add(r.responseId()));
        assertThat(ids).filteredOn(id -> org.balintobservatory.personaldata.IdentifierGuard.checkId(id).isPresent())
                .as("ids the services would refuse").isEmpty();
        assertThat(names).filteredOn(n -> org.balintobservatory.personaldata.IdentifierGuard.checkText(n).isPresent())
                .as("names the services would refuse").isEmpty();
    }

    /**
     * Participants' pseudonyms go into response ids ({@code p-19560720-jse-baseline}), which the survey service
     * guards like every id. The 100-institution benchmark's consortium drew {@code p-19560720}, which reads as a
     * date of birth, and its six responses were refused. Any draw now gives a pseudonym with a letter, and the
     * response ids of 20,000 draws (about 460 of them all decimal before) pass the guard.
     */
    @Test
    void everyPseudonymPassesTheIdentifierGuardInAResponseId() {
        assertThat(ConsortiumGenerator.pseudonym(0x19560720)).isEqualTo("p-b9560720");
        assertThat(ConsortiumGenerator.pseudonym(0x1956072a)).isEqualTo("p-1956072a");
        java.util.Random random = new java.util.Random(42);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String responseId = ConsortiumGenerator.pseudonym(random.nextInt()) + "-jse-follow-up-1";
            if (org.balintobservatory.personaldata.IdentifierGuard.checkId(responseId).isPresent()) {
                refused.add(responseId);
            }
        }
        assertThat(refused).as("response ids the survey service would refuse").isEmpty();
    }

    /**
     * The date rules of the group and survey services: what happened lies from 1950 up to today (UTC), a
     * programme starts at most two years from today and runs at most ten years. The demo is loaded through
     * the public API, so a date the services refuse would leave it incomplete.
     */
    @Test
    void everyDateTheDemoSendsIsOneTheServicesAccept() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate earliest = LocalDate.of(1950, 1, 1);
        List<LocalDate> happened = new ArrayList<>();
        for (Consortium.Group g : DEMO.groups()) {
            happened.add(g.formedOn());
            for (Consortium.Member m : g.members()) {
                happened.add(m.enrolledOn());
                if (m.withdrewOn() != null) {
                    happened.add(m.withdrewOn());
                }
            }
            g.sessions().forEach(s -> happened.add(s.heldOn()));
        }
        DEMO.responses().forEach(r -> happened.add(r.completedOn()));

        assertThat(happened).isNotEmpty().allSatisfy(day -> assertThat(day).isBetween(earliest, today));
        assertThat(DEMO.programmes()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.startsOn()).isBetween(earliest, today.plusYears(2));
            if (p.endsOn() != null) {
                assertThat(p.endsOn()).isBetween(p.startsOn(), p.startsOn().plusYears(10));
            }
        });
    }

    @Test
    void withdrawnMembersAreRecordedUpToTheDayTheyLeftAndNotAfter() {
        for (Consortium.Group g : DEMO.groups()) {
            for (Consortium.Member m : g.members()) {
                if (m.withdrewOn() == null) {
                    continue;
                }
                // The group service expects a member at a session on the day they withdrew, not after it.
                assertThat(g.sessions()).filteredOn(s -> s.heldOn().isAfter(m.withdrewOn()))
                        .allMatch(s -> s.attendance().stream().map(AttendanceEntry::participantId)
                                .noneMatch(m.participantId()::equals));
                assertThat(g.sessions()).filteredOn(s -> !s.heldOn().isAfter(m.withdrewOn()))
                        .allMatch(s -> s.attendance().stream().map(AttendanceEntry::participantId)
                                .anyMatch(m.participantId()::equals));
            }
        }
    }

    @Test
    void plantedEffectsShowInTheGeneratedScores() {
        Map<String, Double> change = changes(DEMO, ConsortiumGenerator.EMPATHY, "total");
        Map<String, GroupDesign> designOf = new HashMap<>();
        DEMO.groups().forEach(g -> g.members().forEach(m -> designOf.put(m.participantId(), g.design())));

        double weekly = mean(change, designOf, d -> d.meetingFrequency() == MeetingFrequency.WEEKLY);
        double fortnightly = mean(change, designOf, d -> d.meetingFrequency() == MeetingFrequency.FORTNIGHTLY);
        double monthly = mean(change, designOf, d -> d.meetingFrequency() == MeetingFrequency.MONTHLY);
        assertThat(weekly).isGreaterThan(fortnightly);
        assertThat(fortnightly).isGreaterThan(monthly);
        assertThat(mean(change, designOf, d -> d.plannedSize() <= 8)).isGreaterThan(mean(change, designOf, d -> d.plannedSize() >= 12));
        assertThat(mean(change, designOf, d -> d.facilitation().leaders() == 2 && d.facilitation().accreditedLeader()))
                .isGreaterThan(mean(change, designOf, d -> d.facilitation().leaders() == 1 && !d.facilitation().accreditedLeader()));
        assertThat(mean(change, designOf, d -> d.format() == SessionFormat.IN_PERSON))
                .isGreaterThanOrEqualTo(mean(change, designOf, d -> d.format() == SessionFormat.VIRTUAL));

        Set<String> control = DEMO.programmes().stream().filter(p -> p.arm() == Arm.CONTROL)
                .flatMap(p -> p.participants().stream()).collect(Collectors.toSet());
        double controlChange = change.entrySet().stream().filter(e -> control.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
        assertThat(controlChange).isLessThan(monthly);

        Map<String, Double> exhaustion = changes(DEMO, ConsortiumGenerator.BURNOUT, "emotional-exhaustion");
        assertThat(correlation(change, exhaustion)).isLessThan(-0.2);
    }

    @Test
    void scaleModeIsAboutAMillionEvents() {
        Consortium scale = ConsortiumGenerator.generate(ConsortiumSpec.scale(7));
        assertThat(scale.institutions()).hasSize(100);
        assertThat(scale.groups()).hasSize(2000);
        assertThat(scale.eventCount()).isBetween(850_000L, 1_250_000L);
    }

    @Test
    void aSmallerScaleConsortiumIsThePrefixOfTheFullOne() {
        Consortium full = ConsortiumGenerator.generate(ConsortiumSpec.scale(7));
        Consortium ten = ConsortiumGenerator.generate(ConsortiumSpec.scale(7, 10));
        Set<String> first = full.institutions().subList(0, 10).stream().map(Consortium.Institution::id)
                .collect(Collectors.toSet());
        assertThat(ten.institutions()).isEqualTo(full.institutions().subList(0, 10));
        assertThat(ten.programmes()).isEqualTo(full.programmes().stream()
                .filter(p -> first.contains(p.institutionId())).toList());
        assertThat(ten.groups()).isEqualTo(full.groups().stream()
                .filter(g -> first.contains(g.institutionId())).toList());
        assertThat(ten.responses()).isEqualTo(full.responses().stream()
                .filter(r -> first.contains(r.institutionId())).toList());
        assertThat(ConsortiumSpec.scale(7)).isEqualTo(ConsortiumSpec.scale(7, 100));
    }

    /** POST minus BASELINE per participant who has both. */
    static Map<String, Double> changes(Consortium c, String instrument, String scale) {
        Map<String, Map<Timepoint, Integer>> scores = new HashMap<>();
        c.responses().stream().filter(r -> r.instrument().equals(instrument)).forEach(r ->
                scores.computeIfAbsent(r.participantId(), k -> new HashMap<>()).put(r.timepoint(), r.scores().get(scale)));
        Map<String, Double> change = new HashMap<>();
        scores.forEach((p, s) -> {
            if (s.containsKey(Timepoint.BASELINE) && s.containsKey(Timepoint.POST)) {
                change.put(p, (double) s.get(Timepoint.POST) - s.get(Timepoint.BASELINE));
            }
        });
        return change;
    }

    private static double mean(Map<String, Double> change, Map<String, GroupDesign> designOf, Predicate<GroupDesign> which) {
        return change.entrySet().stream().filter(e -> designOf.containsKey(e.getKey()) && which.test(designOf.get(e.getKey())))
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
    }

    private static double correlation(Map<String, Double> a, Map<String, Double> b) {
        List<String> both = a.keySet().stream().filter(b::containsKey).toList();
        double ma = both.stream().mapToDouble(a::get).average().orElseThrow();
        double mb = both.stream().mapToDouble(b::get).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (String k : both) {
            sab += (a.get(k) - ma) * (b.get(k) - mb);
            saa += (a.get(k) - ma) * (a.get(k) - ma);
            sbb += (b.get(k) - mb) * (b.get(k) - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
