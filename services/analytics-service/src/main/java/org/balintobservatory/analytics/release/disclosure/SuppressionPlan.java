package org.balintobservatory.analytics.release.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which units of one institution and question a researcher may not see: the threshold rule with
 * secondary (complementary) suppression over the nesting of units, as tau-ARGUS applies it to
 * hierarchical tables (Hundepool et al., <i>Statistical Disclosure Control</i>, Wiley 2012, §4.2 and
 * §4.3).
 *
 * <p>Units nest: groups in their programme, programmes in their institution's arm. Primary suppression
 * hides every unit with {@code n < t} participants. Counts add up along the nesting, so a visible unit
 * {@code A} minus the visible units just below it, reached through hidden ones only (its <em>frontier</em>),
 * leaves a residual that any researcher can compute:
 * <pre>
 *   residual(A) = n(A) − Σ_{v ∈ frontier(A)} n(v)
 * </pre>
 * It counts the participants of A's hidden part. Secondary suppression hides, while some visible A has
 * {@code 0 < residual(A) < t}, the smallest unit of that frontier (ties by id), which moves the frontier
 * down and makes the residual larger; a residual of 0 or at least t reveals nothing of fewer than t
 * participants. Each step hides one more unit, so the loop ends, at worst with every unit below a visible
 * A hidden, where {@code residual(A) = n(A) ≥ t}.
 *
 * <p>What a researcher sees of a unit is its count and effect size, never the moments, so only counts
 * can be differenced exactly; keeping every residual at 0 or ≥ t keeps every differenced count, and the
 * participants behind it, at 0 or ≥ t.
 */
public final class SuppressionPlan {

    private SuppressionPlan() {
    }

    /**
     * One unit of the nesting.
     *
     * @param parent the id of the unit it lies in, or {@code null} at the top
     */
    public record Unit(String id, long n, String parent) {
    }

    /** The ids of the units to hide from researchers, with threshold {@code t}. */
    public static Set<String> hidden(Collection<Unit> units, int t) {
        Map<String, Unit> byId = new LinkedHashMap<>();
        units.forEach(u -> byId.put(u.id(), u));
        Map<String, List<Unit>> children = new LinkedHashMap<>();
        for (Unit u : units) {
            if (u.parent() != null && byId.containsKey(u.parent())) {
                children.computeIfAbsent(u.parent(), k -> new ArrayList<>()).add(u);
            }
        }
        Set<String> hidden = new HashSet<>();
        units.stream().filter(u -> u.n() < t).forEach(u -> hidden.add(u.id()));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Unit a : units) {
                if (hidden.contains(a.id())) {
                    continue;
                }
                List<Unit> frontier = new ArrayList<>();
                collectFrontier(a, children, hidden, frontier);
                long residual = a.n() - frontier.stream().mapToLong(Unit::n).sum();
                if (residual > 0 && residual < t) {
                    Unit smallest = frontier.stream()
                            .min(Comparator.comparingLong(Unit::n).thenComparing(Unit::id)).orElse(a);
                    hidden.add(smallest.id());
                    changed = true;
                }
            }
        }
        return hidden;
    }

    private static void collectFrontier(Unit unit, Map<String, List<Unit>> children, Set<String> hidden,
                                        List<Unit> frontier) {
        for (Unit child : children.getOrDefault(unit.id(), List.of())) {
            if (hidden.contains(child.id())) {
                collectFrontier(child, children, hidden, frontier);
            } else {
                frontier.add(child);
            }
        }
    }
}
