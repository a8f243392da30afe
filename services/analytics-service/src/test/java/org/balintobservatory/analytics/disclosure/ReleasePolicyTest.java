package org.balintobservatory.analytics.disclosure;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class ReleasePolicyTest {

    private static final int T = 5;

    @Test
    void oneWithdrawalIsHeldBackWithEverythingThatContainsIt() {
        // The attack seen: a group of 6 became 5 when one participant withdrew consent.
        assertHeldWithItsProgrammeAndArm(contributors("p1", "p2", "p3", "p4", "p5", "p6"),
                contributors("p1", "p2", "p3", "p4", "p5"));
    }

    @Test
    void oneCorrectedScoreIsHeldBackWithEverythingThatContainsIt() {
        // The attack seen: the same six people, one post score corrected from 90 to 130, and the group's
        // effect size moved from 4.494 to 7.490.
        Map<String, String> before = contributors("p1", "p2", "p3", "p4", "p5");
        before.put("p6", ReleasePolicy.fingerprint("p6", 95, 90));
        Map<String, String> after = new TreeMap<>(before);
        after.put("p6", ReleasePolicy.fingerprint("p6", 95, 130));
        assertHeldWithItsProgrammeAndArm(before, after);
    }

    /**
     * A group that went from {@code before} to {@code after}, in a programme with five others and an arm of
     * that programme: the group, the programme and the arm are all held, the group as it was.
     */
    private static void assertHeldWithItsProgrammeAndArm(Map<String, String> before, Map<String, String> after) {
        Map<String, String> others = contributors("q1", "q2", "q3", "q4", "q5");
        Map<String, Map<String, String>> previous = Map.of("group", before, "programme", union(before, others));
        List<ReleasePolicy.Unit> now = List.of(
                new ReleasePolicy.Unit("arm", null, null),
                new ReleasePolicy.Unit("programme", "arm", union(after, others)),
                new ReleasePolicy.Unit("group", "programme", after));

        ReleasePolicy.Decision decision = ReleasePolicy.decide(previous, now, T);

        assertThat(decision.held()).containsExactlyInAnyOrder("group", "programme", "arm");
        assertThat(decision.contributors().get("group")).isEqualTo(before);
    }

    @Test
    void correctionsOfAtLeastTheThresholdArePublished() {
        Map<String, String> before = contributors("p1", "p2", "p3", "p4", "p5", "p6");
        Map<String, String> after = new TreeMap<>(before);
        for (String p : List.of("p1", "p2", "p3", "p4", "p5")) {
            after.put(p, ReleasePolicy.fingerprint(p, 1, 2));
        }
        ReleasePolicy.Decision decision = ReleasePolicy.decide(Map.of("group", before),
                List.of(new ReleasePolicy.Unit("group", null, after)), T);

        assertThat(decision.held()).isEmpty();
        assertThat(decision.contributors().get("group")).isEqualTo(after);
    }

    @Test
    void aChangeOfAtLeastTheThresholdIsPublished() {
        Map<String, String> previous = contributors("p1", "p2", "p3", "p4", "p5", "p6");
        Map<String, String> changed = contributors("p1", "p2", "p3", "p7", "p8", "p9");
        ReleasePolicy.Decision decision = ReleasePolicy.decide(Map.of("group", previous),
                List.of(new ReleasePolicy.Unit("group", null, changed)), T);

        assertThat(decision.held()).isEmpty();
        assertThat(decision.contributors().get("group")).isEqualTo(changed);
    }

    @Test
    void aReleaseCutBeforeFingerprintsWereKeptIsComparedByWhoItCountsAlone() {
        Map<String, String> unrecorded = new TreeMap<>();
        List.of("p1", "p2", "p3", "p4", "p5", "p6").forEach(p -> unrecorded.put(p, ReleasePolicy.UNRECORDED));
        Map<String, String> now = contributors("p1", "p2", "p3", "p4", "p5", "p6");

        assertThat(ReleasePolicy.decide(Map.of("group", unrecorded), List.of(new ReleasePolicy.Unit("group", null, now)), T)
                .held()).isEmpty();
        now.remove("p6");
        assertThat(ReleasePolicy.decide(Map.of("group", unrecorded), List.of(new ReleasePolicy.Unit("group", null, now)), T)
                .held()).containsExactly("group");
    }

    @Test
    void aFingerprintChangesWithEveryValueAndEveryParticipant() {
        assertThat(ReleasePolicy.fingerprint("p1", 95, 90)).isEqualTo(ReleasePolicy.fingerprint("p1", 95, 90))
                .isNotEqualTo(ReleasePolicy.fingerprint("p1", 95, 130))
                .isNotEqualTo(ReleasePolicy.fingerprint("p1", 90, 95))
                .isNotEqualTo(ReleasePolicy.fingerprint("p2", 95, 90))
                .isNotEqualTo(ReleasePolicy.fingerprint("p1", 95, Math.nextUp(90.0)))
                .isNotEqualTo(ReleasePolicy.UNRECORDED);
    }

    /**
     * Random consortia nested as the read models nest them, changed between releases by random arrivals,
     * withdrawals, moves, corrected scores and retractions (a retracted response either takes the
     * participant's pair away or brings back the earlier response it had replaced): between two published
     * releases every unit, and every union of units, either stays the same or differs in the contributions
     * of at least t participants, and every unit publishes either what it is now or what it published
     * before.
     */
    @Property(tries = 200)
    void noUnitChangesBetweenReleasesByFewerThanTheThreshold(@ForAll("seeds") long seed, @ForAll("thresholds") int t) {
        Random random = new Random(seed);
        int programmes = 1 + random.nextInt(3);
        Map<String, String> groupProgramme = new LinkedHashMap<>();
        for (int p = 0; p < programmes; p++) {
            for (int g = 0; g < random.nextInt(4); g++) {
                groupProgramme.put("g" + p + "-" + g, "p" + p);
            }
        }
        Consortium consortium = new Consortium(random, programmes, groupProgramme);
        for (int i = 0; i < 10 + random.nextInt(40); i++) {
            consortium.join();
        }
        Map<String, Map<String, String>> published = Map.of();
        for (int release = 0; release < 8; release++) {
            int changes = random.nextInt(6);
            for (int c = 0; c < changes; c++) {
                consortium.change();
            }
            List<ReleasePolicy.Unit> shape = consortium.units();
            ReleasePolicy.Decision decision = ReleasePolicy.decide(published, shape, t);
            for (ReleasePolicy.Unit u : shape) {
                Map<String, List<String>> now = u.contributors() == null ? unionOf(u.id(), shape, decision.contributors())
                        : asLists(decision.contributors().getOrDefault(u.id(), Map.of()));
                Map<String, List<String>> before = u.contributors() == null ? unionOf(u.id(), shape, published)
                        : asLists(published.getOrDefault(u.id(), Map.of()));
                Set<String> differing = new TreeSet<>();
                now.forEach((participant, contribution) -> {
                    if (!contribution.equals(before.get(participant))) {
                        differing.add(participant);
                    }
                });
                before.keySet().stream().filter(participant -> !now.containsKey(participant)).forEach(differing::add);
                assertThat(differing.isEmpty() || differing.size() >= t)
                        .as(u.id() + " in release " + release + " differs in " + differing).isTrue();
                if (u.contributors() != null) {
                    assertThat(now).as(u.id() + " publishes its present or its last published state")
                            .isIn(asLists(u.contributors()), before);
                }
            }
            published = decision.contributors();
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Integer> thresholds() {
        return Arbitraries.integers().between(2, 8);
    }

    /**
     * Participants, where each one's pair counts ({@code [programme, group or null]}) and the pairs they
     * have reported, the one in force last: a correction pushes a pair, a retraction pops one.
     */
    private static final class Consortium {

        private final Random random;
        private final int programmes;
        private final Map<String, String> groupProgramme;
        private final Map<String, String[]> where = new LinkedHashMap<>();
        private final Map<String, Deque<double[]>> pairs = new HashMap<>();
        private int next;

        Consortium(Random random, int programmes, Map<String, String> groupProgramme) {
            this.random = random;
            this.programmes = programmes;
            this.groupProgramme = groupProgramme;
        }

        void join() {
            String participant = "x" + next++;
            where.put(participant, place());
            pairs.put(participant, new ArrayDeque<>());
            pairs.get(participant).push(pair());
        }

        void change() {
            if (where.isEmpty()) {
                join();
                return;
            }
            String someone = new ArrayList<>(where.keySet()).get(random.nextInt(where.size()));
            switch (random.nextInt(5)) {
                case 0 -> join();
                // Withdrawal of consent: every response retracted, the pair gone.
                case 1 -> where.remove(someone);
                case 2 -> where.put(someone, place());
                // A corrected score: same person, same unit, other values.
                case 3 -> pairs.get(someone).push(pair());
                // A retracted response: the earlier one it replaced counts again, or none does.
                default -> {
                    pairs.get(someone).pop();
                    if (pairs.get(someone).isEmpty()) {
                        where.remove(someone);
                    }
                }
            }
        }

        private double[] pair() {
            return new double[] {random.nextInt(40), random.nextInt(40)};
        }

        private String[] place() {
            List<String> groups = new ArrayList<>(groupProgramme.keySet());
            if (!groups.isEmpty() && random.nextInt(4) > 0) {
                String g = groups.get(random.nextInt(groups.size()));
                return new String[] {groupProgramme.get(g), g};
            }
            return new String[] {"p" + random.nextInt(programmes), null};
        }

        List<ReleasePolicy.Unit> units() {
            List<ReleasePolicy.Unit> units = new ArrayList<>();
            units.add(new ReleasePolicy.Unit("arm", null, null));
            for (int p = 0; p < programmes; p++) {
                String id = "p" + p;
                units.add(new ReleasePolicy.Unit(id, "arm", contributorsWhere(place -> place[0].equals(id))));
            }
            groupProgramme.forEach((g, p) ->
                    units.add(new ReleasePolicy.Unit(g, p, contributorsWhere(place -> g.equals(place[1])))));
            return units;
        }

        private Map<String, String> contributorsWhere(java.util.function.Predicate<String[]> in) {
            Map<String, String> contributors = new TreeMap<>();
            where.forEach((x, place) -> {
                if (in.test(place)) {
                    double[] pair = pairs.get(x).peek();
                    contributors.put(x, ReleasePolicy.fingerprint(x, pair[0], pair[1]));
                }
            });
            return contributors;
        }
    }

    /**
     * What a union's figures are made of, by participant: a participant who moved between two parts, one
     * published as it is and one held as it was, counts in both, with both contributions.
     */
    private static Map<String, List<String>> unionOf(String id, List<ReleasePolicy.Unit> units,
                                                     Map<String, Map<String, String>> contributors) {
        Map<String, List<String>> all = new TreeMap<>();
        units.stream().filter(u -> id.equals(u.parent())).forEach(u -> contributors.getOrDefault(u.id(), Map.of())
                .forEach((participant, fingerprint) -> all.computeIfAbsent(participant, k -> new ArrayList<>())
                        .add(fingerprint)));
        all.values().forEach(java.util.Collections::sort);
        return all;
    }

    private static Map<String, List<String>> asLists(Map<String, String> contributors) {
        Map<String, List<String>> lists = new TreeMap<>();
        contributors.forEach((participant, fingerprint) -> lists.put(participant, List.of(fingerprint)));
        return lists;
    }

    /** Participants with a pair each, the same pair in every release. */
    private static Map<String, String> contributors(String... participants) {
        Map<String, String> contributors = new TreeMap<>();
        for (String p : participants) {
            contributors.put(p, ReleasePolicy.fingerprint(p, 100, 103));
        }
        return contributors;
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new TreeMap<>(a);
        all.putAll(b);
        return all;
    }
}
