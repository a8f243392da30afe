package org.balintobservatory.analytics.disclosure;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which units a new data release holds back, so that no unit a researcher can see differs from the
 * previous release by fewer than t participants: the threshold rule applied to the differences between
 * successive releases, the attack on "table series" of Hundepool et al., <i>Statistical Disclosure
 * Control</i>, Wiley 2012, §4.6 (one participant's consent withdrawal, 6 → 5, gave back that person's
 * scores when both states were visible).
 *
 * <p>A unit's change is the size of the symmetric difference of the participants it counts now and in
 * the previous release, |now Δ before|. A unit whose change is between 1 and t − 1 is held back: the
 * release publishes it as it was (or not at all if it is new, which keeps a unit out of every release
 * until it first has t participants). Every stored unit is judged on its own change, a programme on all
 * of its participants, so a small change inside a programme holds the programme too. A unit that is the
 * union of others (an institution's arm, merged from its programmes when asked) is judged on the union
 * of what its parts publish, and when that change is small every part is held. The loop runs until
 * nothing more is held; it ends because it only ever holds more. A held change is published with the
 * release in which the unit has changed by at least t since its last published state.
 *
 * <p>What this does not hide: how many participants a release added to or removed from the hidden part
 * of a unit, which a researcher can count by differencing visible counts between releases. Counts are
 * all that can be differenced, since researchers never see moments; no score of fewer than t
 * participants follows from them.
 */
public final class ReleasePolicy {

    private ReleasePolicy() {
    }

    /**
     * A unit now.
     *
     * @param parent       the unit it lies in, or {@code null}
     * @param participants who it counts now; {@code null} for a unit that is the union of its parts
     */
    public record Unit(String id, String parent, Set<String> participants) {

        boolean isUnion() {
            return participants == null;
        }
    }

    /**
     * What the release publishes.
     *
     * @param held         the ids of the units held back
     * @param participants who each stored unit counts in this release (for units held back: as before)
     */
    public record Decision(Set<String> held, Map<String, Set<String>> participants) {
    }

    /**
     * @param previous who each unit counted in the previous release, by id (absent: not published then)
     * @param units    every unit now, parts and unions
     */
    public static Decision decide(Map<String, Set<String>> previous, List<Unit> units, int t) {
        Map<String, Set<String>> published = new HashMap<>();
        units.stream().filter(u -> !u.isUnion()).forEach(u -> published.put(u.id(), u.participants()));
        Set<String> held = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Unit u : units) {
                if (held.contains(u.id())) {
                    continue;
                }
                Set<String> now = u.isUnion() ? union(u, units, published) : published.get(u.id());
                Set<String> before = u.isUnion() ? union(u, units, previous) : previous.getOrDefault(u.id(), Set.of());
                int change = symmetricDifference(now, before);
                if (change > 0 && change < t) {
                    changed = true;
                    hold(u, units, previous, published, held);
                }
            }
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        published.forEach((id, p) -> {
            if (!p.isEmpty()) {
                out.put(id, p);
            }
        });
        return new Decision(held, out);
    }

    private static void hold(Unit u, List<Unit> units, Map<String, Set<String>> previous,
                             Map<String, Set<String>> published, Set<String> held) {
        if (!held.add(u.id())) {
            return;
        }
        if (u.isUnion()) {
            for (Unit part : units) {
                if (u.id().equals(part.parent())) {
                    hold(part, units, previous, published, held);
                }
            }
        } else {
            published.put(u.id(), previous.getOrDefault(u.id(), Set.of()));
        }
    }

    private static Set<String> union(Unit union, List<Unit> units, Map<String, Set<String>> members) {
        Set<String> all = new HashSet<>();
        for (Unit part : units) {
            if (union.id().equals(part.parent())) {
                all.addAll(members.getOrDefault(part.id(), Set.of()));
            }
        }
        return all;
    }

    private static int symmetricDifference(Set<String> a, Set<String> b) {
        int d = 0;
        for (String x : a) {
            if (!b.contains(x)) {
                d++;
            }
        }
        for (String x : b) {
            if (!a.contains(x)) {
                d++;
            }
        }
        return d;
    }
}
