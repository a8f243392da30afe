package org.balintobservatory.demo;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo shows what it plants: the demo and the scale consortium run through the engine the analytics
 * service uses ({@link PlantedEffectsAnalysis}), one model per planted effect, two-level and multilevel. Every
 * estimate has the planted sign, every 95 % confidence interval covers what the estimator is expected to find
 * with only the outcome noise drawn again, and at the demo's size every planted effect has at least 80 % power
 * (Hedges &amp; Pigott, as {@code /comparison/power} and {@code /meta-regression/power} compute it) and every
 * interval also covers the noise-free planted value. Facilitation style has nothing planted: its intervals must
 * cover the (near-zero) value its chance imbalance with the planted factors gives.
 */
class PlantedEffectsTest {

    private static final int REPLICATIONS = 60;

    /**
     * The effects the demo is sized for: at least 80 % power at their planted value. Frequency's is the power
     * of the test between the three frequencies for the planted weekly-monthly difference.
     */
    private static final java.util.Set<String> POWERED = java.util.Set.of("plannedSize", "meanDose", "weekly",
            "accredited");

    private static final List<String> FREQUENCIES = List.of("MONTHLY", "FORTNIGHTLY", "WEEKLY");
    private static final List<String> STYLES = List.of("CLASSIC_BALINT", "PSYCHODYNAMIC", "STRUCTURED",
            "ROLE_PLAY_HYBRID", "OTHER");

    /** Every planted effect, as a researcher would ask the API for it, with the direction planted. */
    static List<PlantedEffectsAnalysis.Effect> effects() {
        List<PlantedEffectsAnalysis.Effect> effects = new ArrayList<>(List.of(
                // /meta-regression?moderators=plannedSize: smaller groups gain more
                PlantedEffectsAnalysis.Effect.slope("plannedSize", u -> u.design().plannedSize(), -1),
                // /meta-regression?moderators=meanDose: more sessions attended, more change
                PlantedEffectsAnalysis.Effect.slope("meanDose", PlantedEffectsAnalysis.Unit::meanDose, 1),
                // /comparison?moderator=meetingFrequency: weekly > fortnightly > monthly
                PlantedEffectsAnalysis.Effect.contrast("weekly", u -> u.design().meetingFrequency().name(),
                        FREQUENCIES, "WEEKLY", 1),
                PlantedEffectsAnalysis.Effect.contrast("fortnightly", u -> u.design().meetingFrequency().name(),
                        FREQUENCIES, "FORTNIGHTLY", 1),
                // /comparison?moderator=accreditedLeader
                PlantedEffectsAnalysis.Effect.contrast("accredited",
                        u -> String.valueOf(u.design().facilitation().accreditedLeader()), List.of("false", "true"),
                        "true", 1),
                // /comparison?moderator=leaders: co-led > single
                PlantedEffectsAnalysis.Effect.contrast("coLed", u -> String.valueOf(u.design().facilitation().leaders()),
                        List.of("1", "2"), "2", 1),
                // /comparison?moderator=format: in-person > virtual
                PlantedEffectsAnalysis.Effect.contrast("inPerson", u -> u.design().format().name(),
                        List.of("VIRTUAL", "HYBRID", "IN_PERSON"), "IN_PERSON", 1)));
        // /comparison?moderator=facilitationStyle: nothing planted
        for (String style : STYLES.subList(1, STYLES.size())) {
            effects.add(PlantedEffectsAnalysis.Effect.contrast(style, u -> u.design().facilitation().style().name(),
                    STYLES, style, 0));
        }
        return effects;
    }

    @Test
    void theDemoConsortiumShowsEveryPlantedEffectWithEnoughPower() {
        Consortium demo = ConsortiumGenerator.generate(ConsortiumSpec.demo(42));
        assertThat(demo.groups()).hasSize(112);
        check(PlantedEffectsAnalysis.units(demo), true);
    }

    /** Near two minutes: only with {@code -Pscale-checks} (the module's pom), not in the normal run. */
    @Test
    @Tag("scale")
    void theScaleConsortiumShowsEveryPlantedEffect() {
        check(PlantedEffectsAnalysis.units(ConsortiumGenerator.generate(ConsortiumSpec.scale(42))), false);
    }

    private static void check(List<PlantedEffectsAnalysis.Unit> units, boolean demo) {
        List<String> failures = new ArrayList<>();
        for (PlantedEffectsAnalysis.Effect effect : effects()) {
            double expected = PlantedEffectsAnalysis.expected(effect, units, REPLICATIONS, 1);
            for (PlantedEffectsAnalysis.Finding finding : List.of(PlantedEffectsAnalysis.twoLevel(effect, units),
                    PlantedEffectsAnalysis.multilevel(effect, units))) {
                String line = finding + String.format(" expected %8.4f", expected);
                // What docs/demo-data.md's table reports, in the test's output file.
                System.out.println(line);
                if (effect.sign() != 0 && Math.signum(finding.estimate()) != effect.sign()) {
                    failures.add("wrong sign: " + line);
                }
                if (!finding.covers(expected)) {
                    failures.add("interval misses the expected estimate: " + line);
                }
                if (demo && !finding.covers(finding.planted())) {
                    failures.add("interval misses the planted value: " + line);
                }
                if (demo && POWERED.contains(effect.name()) && finding.model().equals("two-level")
                        && !(finding.power() >= 0.8)) {
                    failures.add("less than 80 % power: " + line);
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
