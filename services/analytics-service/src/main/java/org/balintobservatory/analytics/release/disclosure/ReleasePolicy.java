package org.balintobservatory.analytics.release.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which units a new data release holds back, so that no unit a researcher can see differs from what any
 * earlier release published of it by what fewer than t participants did: the threshold rule applied to
 * the differences between releases, the attack on "table series" and linked tables of Hundepool et al.,
 * <i>Statistical Disclosure Control</i>, Wiley 2012, §4.6 (one participant's consent withdrawal, 6 → 5,
 * gave back that person's scores when both states were visible; so did one corrected score, 6 → 6, when
 * the two states differed by that person's values alone).
 *
 * <p>A unit is known by its contributors: each participant it counts, with a {@linkplain #fingerprint
 * fingerprint} of the values they add to its figures. The change between two states of a unit is the
 * number of participants whose contribution differs: who joined, who left, and who stayed with other values
 * (a corrected score, or a retraction that brings back an earlier response). The rule, with S<sub>k</sub>
 * the state release k publishes of a unit and d the change:
 *
 * <pre>
 *   d(S<sub>n</sub>, S<sub>n−1</sub>) ∉ [1, t − 1]
 *   d(S<sub>n</sub>, S<sub>k</sub>) ∉ [1, t − 1]   for every k &lt; n − 1 with S<sub>k</sub> ≠ ∅
 * </pre>
 *
 * <p>Every release stays published and can be chosen, so any two of them can be differenced, not only
 * successive ones: t participants who join between releases 1 and 2 and t − 1 of them who leave, with the
 * last one's score corrected, by release 3 make releases 2 and 3 differ by t but releases 1 and 3 by one
 * participant. Comparing with the previous release alone lets that through; comparing with every state
 * published before does not. The previous release is compared with even when it published nothing of the
 * unit (a new unit stays out of every release until it first has t participants); an earlier release that
 * published nothing of it shows no figures to difference, and a state of 1 to t − 1 participants is
 * below the threshold that every answer applies ({@link SuppressionPlan}).
 *
 * <p>A unit whose new state breaks the rule is held back: the release publishes it as the previous
 * release did (or not at all if that published nothing). That state obeys the rule too, by induction: it
 * was checked against every state before it when it was first published, and it is the state just
 * before, change 0. Every stored unit is judged on its own change, a programme on all of its participants,
 * so a small change inside a programme holds the programme too. A unit that is the union of others (an
 * institution's arm, merged from its programmes when asked) is judged on the union of what its parts
 * publish, against the union of what they published before and every state the union had in an earlier
 * release, and when that is small every part is held, which gives back the union's previous state as
 * long as it is made of the same parts. The loop runs until nothing more is held; it ends because it only
 * ever holds more. A held change is published with the release in which the unit has changed by at least t
 * since every state published before, or by none.
 *
 * <p>Why values and not only members: researchers never see moments, but a unit's effect size, variance
 * and correlation are functions of them, so two releases of the same people whose figures differ give
 * away what changed; with one corrected score that is one person's score. Counting changed contributions
 * makes every difference of two releases' figures the work of 0 or at least t participants.
 *
 * <p>What this does not hide: how many participants a release added to or removed from the hidden part
 * of a unit, which a researcher can count by differencing visible counts between releases; no score of
 * fewer than t participants follows from counts alone. That a unit is held back is said in the answer,
 * which tells a researcher that between 1 and t − 1 participants changed in it against some release, not
 * who or how. Two releases both cut before every earlier state was compared keep what they published.
 */
public final class ReleasePolicy {

    /**
     * Why an answer shows a unit as an earlier release published it: the reason every held unit gives,
     * whether who it counts changed or what they reported.
     */
    public static final String HELD_BACK = "held back since the last release: fewer participants than the "
            + "minimum cell size changed in it since a release published it, so it shows the figures last published";

    /**
     * The fingerprint of a contribution recorded before releases kept fingerprints: it matches any other,
     * so such a unit is compared by who it counts alone, once.
     */
    public static final String UNRECORDED = "";

    private ReleasePolicy() {
    }

    /**
     * A unit now.
     *
     * @param parent       the unit it lies in, or {@code null}
     * @param contributors the fingerprint of each participant's contribution, by participant; {@code null}
     *                     for a unit that is the union of its parts
     */
    public record Unit(String id, String parent, Map<String, String> contributors) {

        boolean isUnion() {
            return contributors == null;
        }
    }

    /**
     * What the release publishes.
     *
     * @param held         the ids of the units held back
     * @param contributors each stored unit's contributors in this release (for units held back: as before),
     *                     units with none left out
     * @param unions       each union's contributors in this release, as {@link #decide} compares them: what
     *                     a later release's {@code earlier} takes for the union; unions with none left out
     */
    public record Decision(Set<String> held, Map<String, Map<String, String>> contributors,
                           Map<String, Map<String, String>> unions) {
    }

    /**
     * A participant's contribution to a unit, as a fingerprint: SHA-256 over the participant's pseudonym
     * and every value that feeds the unit's figures, so that two releases can tell whose values changed
     * without keeping the values. Equal contributions give equal fingerprints; any change of a value, or a
     * value for another participant, gives another.
     */
    public static String fingerprint(String participant, double... values) {
        StringBuilder text = new StringBuilder(participant);
        for (double value : values) {
            // The exact bits: 90.0 and 90.00000000000001 are different scores.
            text.append('|').append(Long.toHexString(Double.doubleToLongBits(value)));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Decides a release. The earlier states come as distinct states per unit, not release by release, so the
     * work grows with how often a unit has changed, never with the number of releases ({@code ReleaseCutter}
     * keeps them, once each, in its published states).
     *
     * @param previous each stored unit's contributors in the previous release, by id (absent: not published
     *                 then): what a held unit publishes, and a state compared with even when it is empty
     * @param earlier  by unit id, stored units and unions alike, every distinct state with contributors that
     *                 an earlier release published (whether the previous release's is among them makes no
     *                 difference); a union's as {@link Decision#unions} gave it
     * @param units    every unit now, parts and unions
     */
    public static Decision decide(Map<String, Map<String, String>> previous,
                                  Map<String, List<Map<String, String>>> earlier,
                                  List<Unit> units, int t) {
        Map<String, Map<String, String>> published = new HashMap<>();
        units.stream().filter(u -> !u.isUnion()).forEach(u -> published.put(u.id(), u.contributors()));
        Set<String> held = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Unit u : units) {
                if (held.contains(u.id())) {
                    continue;
                }
                Map<String, String> now = u.isUnion() ? union(u, units, published) : published.get(u.id());
                Map<String, String> before = u.isUnion() ? union(u, units, previous)
                        : previous.getOrDefault(u.id(), Map.of());
                if (disclosive(change(now, before), t) || earlier.getOrDefault(u.id(), List.of()).stream()
                        .anyMatch(state -> disclosive(change(now, state), t))) {
                    changed = true;
                    hold(u, units, previous, published, held);
                }
            }
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        published.forEach((id, c) -> {
            if (!c.isEmpty()) {
                out.put(id, c);
            }
        });
        Map<String, Map<String, String>> unions = new LinkedHashMap<>();
        units.stream().filter(Unit::isUnion).forEach(u -> {
            Map<String, String> c = union(u, units, published);
            if (!c.isEmpty()) {
                unions.put(u.id(), c);
            }
        });
        return new Decision(held, out, unions);
    }

    /** A change a researcher could difference out and that is the work of fewer than t participants. */
    private static boolean disclosive(int change, int t) {
        return change > 0 && change < t;
    }

    /**
     * The number of participants whose contribution differs: in one state and not the other, or in both
     * with different fingerprints.
     */
    static int change(Map<String, String> now, Map<String, String> before) {
        int d = 0;
        for (Map.Entry<String, String> c : now.entrySet()) {
            String was = before.get(c.getKey());
            if (was == null || !(was.equals(UNRECORDED) || was.equals(c.getValue()))) {
                d++;
            }
        }
        for (String participant : before.keySet()) {
            if (!now.containsKey(participant)) {
                d++;
            }
        }
        return d;
    }

    private static void hold(Unit u, List<Unit> units, Map<String, Map<String, String>> previous,
                             Map<String, Map<String, String>> published, Set<String> held) {
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
            published.put(u.id(), previous.getOrDefault(u.id(), Map.of()));
        }
    }

    /**
     * The contributors of a union: those of its parts. A participant in two parts (possible where the
     * nesting is not exact) contributes both, so a change in either changes the union.
     */
    private static Map<String, String> union(Unit union, List<Unit> units, Map<String, Map<String, String>> members) {
        List<Map<String, String>> parts = new ArrayList<>();
        for (Unit part : units) {
            if (union.id().equals(part.parent())) {
                parts.add(members.getOrDefault(part.id(), Map.of()));
            }
        }
        return union(parts);
    }

    /**
     * The contributors of a union of {@code parts}, as {@link #decide} compares unions and
     * {@link Decision#unions} gives them: each participant with their fingerprints in every part, in an order
     * of their own, so that the same parts give the same union in whatever order they come; {@link
     * #UNRECORDED} where any of them is.
     */
    public static Map<String, String> union(Collection<Map<String, String>> parts) {
        Map<String, List<String>> all = new HashMap<>();
        parts.forEach(part -> part.forEach((participant, fingerprint) ->
                all.computeIfAbsent(participant, p -> new ArrayList<>()).add(fingerprint)));
        Map<String, String> union = new HashMap<>();
        all.forEach((participant, fingerprints) -> union.put(participant, fingerprints.contains(UNRECORDED)
                ? UNRECORDED : String.join("+", fingerprints.stream().sorted().toList())));
        return union;
    }
}
