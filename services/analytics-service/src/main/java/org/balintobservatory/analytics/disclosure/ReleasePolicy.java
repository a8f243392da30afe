package org.balintobservatory.analytics.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which units a new data release holds back, so that no unit a researcher can see differs from the
 * previous release by what fewer than t participants did: the threshold rule applied to the differences
 * between successive releases, the attack on "table series" and linked tables of Hundepool et al.,
 * <i>Statistical Disclosure Control</i>, Wiley 2012, §4.6 (one participant's consent withdrawal, 6 → 5,
 * gave back that person's scores when both states were visible; so did one corrected score, 6 → 6, when
 * the two states differed by that person's values alone).
 *
 * <p>A unit is known by its contributors: each participant it counts, with a {@linkplain #fingerprint
 * fingerprint} of the values they add to its figures. A unit's change is the number of participants whose
 * contribution differs between now and the previous release: who joined, who left, and who stayed with
 * other values (a corrected score, or a retraction that brings back an earlier response). A unit whose
 * change is between 1 and t − 1 is held back: the release publishes it as it was (or not at all if it is
 * new, which keeps a unit out of every release until it first has t participants). Every stored unit is
 * judged on its own change, a programme on all of its participants, so a small change inside a programme
 * holds the programme too. A unit that is the union of others (an institution's arm, merged from its
 * programmes when asked) is judged on the union of what its parts publish, and when that change is small
 * every part is held. The loop runs until nothing more is held; it ends because it only ever holds more.
 * A held change is published with the release in which the unit has changed by at least t since its last
 * published state.
 *
 * <p>Why values and not only members: researchers never see moments, but a unit's effect size, variance
 * and correlation are functions of them, so two releases of the same people whose figures differ give
 * away what changed; with one corrected score that is one person's score. Counting changed contributions
 * makes every difference of two releases' figures the work of 0 or at least t participants.
 *
 * <p>What this does not hide: how many participants a release added to or removed from the hidden part
 * of a unit, which a researcher can count by differencing visible counts between releases; no score of
 * fewer than t participants follows from counts alone. That a unit is held back is said in the answer,
 * which tells a researcher that between 1 and t − 1 participants changed in it, not who or how.
 */
public final class ReleasePolicy {

    /**
     * Why an answer shows a unit as an earlier release published it: the reason every held unit gives,
     * whether who it counts changed or what they reported.
     */
    public static final String HELD_BACK = "held back since the last release: fewer participants than the "
            + "minimum cell size changed in it, so it shows the figures last published";

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
     * @param contributors each stored unit's contributors in this release (for units held back: as before)
     */
    public record Decision(Set<String> held, Map<String, Map<String, String>> contributors) {
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
     * @param previous the contributors of each unit in the previous release, by id (absent: not published then)
     * @param units    every unit now, parts and unions
     */
    public static Decision decide(Map<String, Map<String, String>> previous, List<Unit> units, int t) {
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
                int change = change(now, before);
                if (change > 0 && change < t) {
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
        return new Decision(held, out);
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
        Map<String, String> all = new HashMap<>();
        for (Unit part : units) {
            if (union.id().equals(part.parent())) {
                members.getOrDefault(part.id(), Map.of()).forEach((participant, fingerprint) ->
                        all.merge(participant, fingerprint, ReleasePolicy::both));
            }
        }
        return all;
    }

    private static String both(String a, String b) {
        if (a.equals(UNRECORDED) || b.equals(UNRECORDED)) {
            return UNRECORDED;
        }
        return a.compareTo(b) <= 0 ? a + "+" + b : b + "+" + a;
    }
}
