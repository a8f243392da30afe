package org.balintobservatory.analytics.release.disclosure;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionPlanTest {

    private static final int T = 5;

    @Test
    void aSmallGroupAloneInItsProgrammeTakesAnotherGroupWithIt() {
        // The attack seen: programme 16 minus visible groups 6 + 6 gave back the hidden group of 4.
        List<SuppressionPlan.Unit> units = List.of(
                new SuppressionPlan.Unit("arm", 16, null),
                new SuppressionPlan.Unit("prog", 16, "arm"),
                new SuppressionPlan.Unit("g-a", 6, "prog"),
                new SuppressionPlan.Unit("g-b", 6, "prog"),
                new SuppressionPlan.Unit("g-tiny", 4, "prog"));

        Set<String> hidden = SuppressionPlan.hidden(units, T);

        // 16 − 6 = 10 hidden now: the tiny group and one more (ties go by id).
        assertThat(hidden).containsExactlyInAnyOrder("g-tiny", "g-a");
        assertThat(determinedSmallCells(units, hidden)).isEmpty();
    }

    @Test
    void twoSmallGroupsTogetherReachingTheThresholdNeedNoPartner() {
        List<SuppressionPlan.Unit> units = List.of(
                new SuppressionPlan.Unit("prog", 17, null),
                new SuppressionPlan.Unit("g-a", 11, "prog"),
                new SuppressionPlan.Unit("g-b", 3, "prog"),
                new SuppressionPlan.Unit("g-c", 3, "prog"));

        assertThat(SuppressionPlan.hidden(units, T)).containsExactlyInAnyOrder("g-b", "g-c");
    }

    @Test
    void aSmallProgrammeHidesTheArmWhenNothingElseCanCoverIt() {
        // One programme of 3 in the arm: the arm itself has 3, below the threshold.
        List<SuppressionPlan.Unit> units = List.of(
                new SuppressionPlan.Unit("arm-control", 3, null),
                new SuppressionPlan.Unit("prog-control", 3, "arm-control"));

        assertThat(SuppressionPlan.hidden(units, T)).containsExactlyInAnyOrder("arm-control", "prog-control");
    }

    @Test
    void hiddenUnitsAreSeenThroughToTheVisibleOnesBelowThem() {
        // arm 30 = prog-1 (12: groups 6 + 6) + prog-2 (18: groups 7 + 8 + 3 ungrouped? no: 15 + 3 tiny).
        List<SuppressionPlan.Unit> units = List.of(
                new SuppressionPlan.Unit("arm", 30, null),
                new SuppressionPlan.Unit("prog-1", 12, "arm"),
                new SuppressionPlan.Unit("prog-2", 18, "arm"),
                new SuppressionPlan.Unit("g-1", 6, "prog-1"),
                new SuppressionPlan.Unit("g-2", 6, "prog-1"),
                new SuppressionPlan.Unit("g-3", 7, "prog-2"),
                new SuppressionPlan.Unit("g-4", 8, "prog-2"),
                new SuppressionPlan.Unit("g-5", 3, "prog-2"));

        Set<String> hidden = SuppressionPlan.hidden(units, T);

        assertThat(hidden).contains("g-5");
        assertThat(determinedSmallCells(units, hidden)).isEmpty();
    }

    /**
     * Random institutions nested as the read models nest them (groups in programmes in arms, with
     * participants in a programme but in none of its groups), random thresholds: after the plan, no
     * count a researcher can form by subtracting disjoint visible units from a visible one is between 0
     * and the threshold, and every unit below the threshold is hidden.
     */
    @Property(tries = 400)
    void noDifferenceOfVisibleCountsIsASmallCell(@ForAll("institutions") List<SuppressionPlan.Unit> units,
                                                @ForAll("thresholds") int t) {
        Set<String> hidden = SuppressionPlan.hidden(units, t);

        units.stream().filter(u -> u.n() < t).forEach(u -> assertThat(hidden).contains(u.id()));
        assertThat(determinedSmallCells(units, hidden, t)).isEmpty();
    }

    @Provide
    Arbitrary<Integer> thresholds() {
        return Arbitraries.integers().between(2, 10);
    }

    @Provide
    Arbitrary<List<SuppressionPlan.Unit>> institutions() {
        Arbitrary<List<Integer>> groups = Arbitraries.integers().between(0, 14).list().ofMinSize(0).ofMaxSize(4);
        Arbitrary<Integer> ungrouped = Arbitraries.integers().between(0, 6);
        Arbitrary<List<List<Integer>>> programmes = Combinators.combine(groups, ungrouped)
                .as((g, u) -> { List<Integer> p = new ArrayList<>(g); p.add(0, u); return p; })
                .list().ofMinSize(1).ofMaxSize(3);
        return programmes.list().ofMinSize(1).ofMaxSize(2).map(SuppressionPlanTest::nest);
    }

    /** Arms of programmes; each programme is [ungrouped, group sizes…]. */
    private static List<SuppressionPlan.Unit> nest(List<List<List<Integer>>> arms) {
        List<SuppressionPlan.Unit> units = new ArrayList<>();
        for (int a = 0; a < arms.size(); a++) {
            long armN = 0;
            for (int p = 0; p < arms.get(a).size(); p++) {
                List<Integer> programme = arms.get(a).get(p);
                long programmeN = programme.stream().mapToLong(Integer::longValue).sum();
                String programmeId = "arm-" + a + "/prog-" + p;
                units.add(new SuppressionPlan.Unit(programmeId, programmeN, "arm-" + a));
                for (int g = 1; g < programme.size(); g++) {
                    units.add(new SuppressionPlan.Unit(programmeId + "/g-" + g, programme.get(g), programmeId));
                }
                armN += programmeN;
            }
            units.add(new SuppressionPlan.Unit("arm-" + a, armN, null));
        }
        return units;
    }

    private static List<String> determinedSmallCells(List<SuppressionPlan.Unit> units, Set<String> hidden) {
        return determinedSmallCells(units, hidden, T);
    }

    /**
     * Every count a researcher can compute as a visible unit minus a set of pairwise disjoint visible units
     * inside it, that lies strictly between 0 and t: brute force over the (small) trees of the property.
     */
    private static List<String> determinedSmallCells(List<SuppressionPlan.Unit> units, Set<String> hidden, int t) {
        Map<String, List<SuppressionPlan.Unit>> children = units.stream().filter(u -> u.parent() != null)
                .collect(Collectors.groupingBy(SuppressionPlan.Unit::parent, TreeMap::new, Collectors.toList()));
        List<String> found = new ArrayList<>();
        for (SuppressionPlan.Unit a : units) {
            if (hidden.contains(a.id())) {
                continue;
            }
            for (long subtracted : disjointVisibleSums(a, children, hidden)) {
                long residual = a.n() - subtracted;
                if (residual > 0 && residual < t) {
                    found.add(a.id() + " − visible parts = " + residual);
                }
            }
        }
        return found;
    }

    /** The sums of every family of pairwise disjoint visible units strictly inside {@code unit}. */
    private static Set<Long> disjointVisibleSums(SuppressionPlan.Unit unit, Map<String, List<SuppressionPlan.Unit>> children,
                                                 Set<String> hidden) {
        Set<Long> sums = new java.util.TreeSet<>(List.of(0L));
        for (SuppressionPlan.Unit child : children.getOrDefault(unit.id(), List.of())) {
            Set<Long> options = new java.util.TreeSet<>(disjointVisibleSums(child, children, hidden));
            if (!hidden.contains(child.id())) {
                options.add(child.n());
            }
            Set<Long> next = new java.util.TreeSet<>();
            for (long s : sums) {
                for (long o : options) {
                    next.add(s + o);
                }
            }
            sums = next;
        }
        return sums;
    }
}
