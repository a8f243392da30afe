package org.balintobservatory.analytics.disclosure;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class ReleasePolicyTest {

    private static final int T = 5;

    @Test
    void oneWithdrawalIsHeldBackWithEverythingThatContainsIt() {
        // The attack seen: a group of 6 became 5 when one participant withdrew consent.
        Set<String> six = Set.of("p1", "p2", "p3", "p4", "p5", "p6");
        Set<String> five = Set.of("p1", "p2", "p3", "p4", "p5");
        Map<String, Set<String>> previous = Map.of("group", six, "programme", union(six, Set.of("q1", "q2", "q3", "q4", "q5")));
        List<ReleasePolicy.Unit> now = List.of(
                new ReleasePolicy.Unit("arm", null, null),
                new ReleasePolicy.Unit("programme", "arm", union(five, Set.of("q1", "q2", "q3", "q4", "q5"))),
                new ReleasePolicy.Unit("group", "programme", five));

        ReleasePolicy.Decision decision = ReleasePolicy.decide(previous, now, T);

        assertThat(decision.held()).containsExactlyInAnyOrder("group", "programme", "arm");
        assertThat(decision.participants().get("group")).isEqualTo(six);
    }

    @Test
    void aChangeOfAtLeastTheThresholdIsPublished() {
        Map<String, Set<String>> previous = Map.of("group", Set.of("p1", "p2", "p3", "p4", "p5", "p6"));
        Set<String> changed = Set.of("p1", "p2", "p3", "p7", "p8", "p9");
        ReleasePolicy.Decision decision = ReleasePolicy.decide(previous,
                List.of(new ReleasePolicy.Unit("group", null, changed)), T);

        assertThat(decision.held()).isEmpty();
        assertThat(decision.participants().get("group")).isEqualTo(changed);
    }

    /**
     * Random consortia nested as the read models nest them, changed between releases by random arrivals,
     * withdrawals and moves: between two published releases every unit, and every union of units, either
     * stays the same or changes by at least t participants.
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
        // participant -> [programme, group or null]
        Map<String, String[]> where = new LinkedHashMap<>();
        int next = 0;
        for (int i = 0; i < 10 + random.nextInt(40); i++) {
            where.put("x" + next++, place(random, programmes, groupProgramme));
        }
        Map<String, Set<String>> published = Map.of();
        for (int release = 0; release < 8; release++) {
            int changes = random.nextInt(6);
            for (int c = 0; c < changes; c++) {
                int kind = random.nextInt(3);
                if (kind == 0 || where.isEmpty()) {
                    where.put("x" + next++, place(random, programmes, groupProgramme));
                } else if (kind == 1) {
                    where.remove(new ArrayList<>(where.keySet()).get(random.nextInt(where.size())));
                } else {
                    where.put(new ArrayList<>(where.keySet()).get(random.nextInt(where.size())),
                            place(random, programmes, groupProgramme));
                }
            }
            ReleasePolicy.Decision decision = ReleasePolicy.decide(published, units(where, programmes, groupProgramme), t);
            List<ReleasePolicy.Unit> shape = units(where, programmes, groupProgramme);
            for (ReleasePolicy.Unit u : shape) {
                Set<String> now = u.participants() == null ? unionOf(u.id(), shape, decision.participants())
                        : decision.participants().getOrDefault(u.id(), Set.of());
                Set<String> before = u.participants() == null ? unionOf(u.id(), shape, published)
                        : published.getOrDefault(u.id(), Set.of());
                Set<String> difference = new TreeSet<>(now);
                difference.addAll(before);
                Set<String> common = new HashSet<>(now);
                common.retainAll(before);
                difference.removeAll(common);
                assertThat(difference.size() == 0 || difference.size() >= t).as(u.id() + " in release " + release + " changed by " + difference.size()).isTrue();
            }
            published = decision.participants();
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

    private static String[] place(Random random, int programmes, Map<String, String> groupProgramme) {
        List<String> groups = new ArrayList<>(groupProgramme.keySet());
        if (!groups.isEmpty() && random.nextInt(4) > 0) {
            String g = groups.get(random.nextInt(groups.size()));
            return new String[] {groupProgramme.get(g), g};
        }
        return new String[] {"p" + random.nextInt(programmes), null};
    }

    private static List<ReleasePolicy.Unit> units(Map<String, String[]> where, int programmes,
                                                  Map<String, String> groupProgramme) {
        List<ReleasePolicy.Unit> units = new ArrayList<>();
        units.add(new ReleasePolicy.Unit("arm", null, null));
        for (int p = 0; p < programmes; p++) {
            String id = "p" + p;
            Set<String> members = new TreeSet<>();
            where.forEach((x, place) -> {
                if (place[0].equals(id)) {
                    members.add(x);
                }
            });
            units.add(new ReleasePolicy.Unit(id, "arm", members));
        }
        groupProgramme.forEach((g, p) -> {
            Set<String> members = new TreeSet<>();
            where.forEach((x, place) -> {
                if (g.equals(place[1])) {
                    members.add(x);
                }
            });
            units.add(new ReleasePolicy.Unit(g, p, members));
        });
        return units;
    }

    private static Set<String> unionOf(String id, List<ReleasePolicy.Unit> units, Map<String, Set<String>> members) {
        Set<String> all = new TreeSet<>();
        units.stream().filter(u -> id.equals(u.parent())).forEach(u -> all.addAll(members.getOrDefault(u.id(), Set.of())));
        return all;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
