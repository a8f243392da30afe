package org.balintobservatory.demo;

import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.mixed.ClusterStatistics;
import org.balintobservatory.metaanalysis.mixed.Estimation;
import org.balintobservatory.metaanalysis.mixed.FixedEffect;
import org.balintobservatory.metaanalysis.mixed.MixedModelFit;
import org.balintobservatory.metaanalysis.mixed.NestedInterceptModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's within-group dose effect ({@link PlantedEffects#PER_SESSION_ATTENDED}) is what the participant-level
 * model finds: {@code lmer(post ~ baseline + doseWithin + doseBetween + (1 | institution/group))} on the demo's
 * empathy pairs, fitted by the engine the analytics service answers with, from the groups the service shows
 * (at least the minimum cell size of pairs), with the dose centred on the mean of the group's participants in
 * the fit.
 *
 * <p>The 95 % interval must cover the planted value itself, as a researcher reading the page would check. The
 * scale's ceiling (140) still caps a few POST scores in a hundred, which pulls the slope slightly towards zero; so,
 * as {@link PlantedEffectsTest} does, the interval must also cover what the estimator is expected to find with only
 * the outcome noise drawn again (each POST score re-drawn from its baseline, its planted change and the generator's
 * noise, then rounded and capped as the generator does), and that expectation must lie close below the planted
 * value: the cap attenuates the estimate a little, never inflates it.
 */
class PlantedDoseTest {

    private static final int REPLICATIONS = 40;
    private static final List<String> TERMS = List.of("(Intercept)", "baseline", "doseWithin", "doseBetween");

    /** One participant in the fit: their group, baseline, POST score, sessions attended and planted change. */
    private record Pair(String institution, String group, double baseline, double post, int dose, double planted) {
    }

    @Test
    void theWithinGroupSlopeOfTheDemoHasThePlantedSignAndItsIntervalCoversThePlantedValue() {
        List<Pair> pairs = pairs(ConsortiumGenerator.generate(ConsortiumSpec.demo(42)));

        FixedEffect within = fit(pairs, Pair::post).fixedEffect("doseWithin");

        double planted = PlantedEffects.PER_SESSION_ATTENDED;
        double expected = expectedWithin(pairs, new Random(1));
        // What docs/demo-data.md says of the demo's within slope, in the test's output file.
        System.out.printf("within-group slope %s, expected with the cap %.4f, planted %.1f, POST at the cap %.1f %%%n",
                within, expected, planted, 100.0 * pairs.stream().filter(p -> p.post() >= 140).count() / pairs.size());
        assertThat(within.estimate()).as("within-group slope %s", within).isPositive();
        assertThat(within.ciLower()).as("95%% interval %s, planted %s", within, planted).isLessThan(planted);
        assertThat(within.ciUpper()).as("95%% interval %s, planted %s", within, planted).isGreaterThan(planted);
        assertThat(within.ciLower()).as("95%% interval %s, expected %s", within, expected).isLessThan(expected);
        assertThat(within.ciUpper()).as("95%% interval %s, expected %s", within, expected).isGreaterThan(expected);
        // 40 replications of an estimate with SE about 0.08: the mean is within 0.03 (about 2.4 SEs of it) of the
        // truth if nothing biased it; the cap may only pull it down, by at most a tenth.
        assertThat(expected).as("the cap attenuates the planted slope a little, never inflates it")
                .isLessThan(planted + 0.03).isGreaterThan(0.9 * planted);
    }

    @Test
    void withoutTheCapTheExpectedWithinSlopeIsThePlantedOne() {
        List<Pair> pairs = pairs(ConsortiumGenerator.generate(ConsortiumSpec.demo(42)));
        Random random = new Random(2);
        double sum = 0;
        for (int r = 0; r < REPLICATIONS; r++) {
            sum += fit(pairs, p -> p.baseline() + p.planted() + random.nextGaussian() * PlantedEffects.CHANGE_NOISE)
                    .fixedEffect("doseWithin").estimate();
        }
        // Mean of 40 estimates with SE about 0.08 each: within 0.05 (four SEs of the mean) of the plant.
        assertThat(sum / REPLICATIONS).isCloseTo(PlantedEffects.PER_SESSION_ATTENDED,
                org.assertj.core.data.Offset.offset(0.05));
    }

    /** The mean within slope over outcome-noise replications, POST rounded and kept within 20–140. */
    private static double expectedWithin(List<Pair> pairs, Random random) {
        double sum = 0;
        for (int r = 0; r < REPLICATIONS; r++) {
            sum += fit(pairs, p -> Math.max(20, Math.min(140, Math.round(p.baseline() + p.planted()
                    + random.nextGaussian() * PlantedEffects.CHANGE_NOISE + random.nextGaussian() * 3))))
                    .fixedEffect("doseWithin").estimate();
        }
        return sum / REPLICATIONS;
    }

    private static MixedModelFit fit(List<Pair> pairs, ToDoubleFunction<Pair> post) {
        Map<String, List<Pair>> byGroup = new LinkedHashMap<>();
        pairs.forEach(p -> byGroup.computeIfAbsent(p.institution() + "/" + p.group(), k -> new ArrayList<>()).add(p));
        List<ClusterStatistics> clusters = new ArrayList<>();
        for (List<Pair> group : byGroup.values()) {
            double meanDose = group.stream().mapToInt(Pair::dose).average().orElseThrow();
            double[][] x = new double[group.size()][];
            double[] y = new double[group.size()];
            for (int i = 0; i < group.size(); i++) {
                Pair p = group.get(i);
                x[i] = new double[] {1, p.baseline(), p.dose() - meanDose, meanDose};
                y[i] = post.applyAsDouble(p);
            }
            clusters.add(ClusterStatistics.of(group.get(0).institution(), group.get(0).group(), x, y));
        }
        return NestedInterceptModel.fit(TERMS, clusters, Estimation.REML);
    }

    /** Each intervention group's empathy pairs, in groups with at least the minimum cell size of them. */
    private static List<Pair> pairs(Consortium consortium) {
        Map<String, Map<Timepoint, Integer>> empathy = new HashMap<>();
        for (Consortium.Response r : consortium.responses()) {
            if (r.instrument().equals(ConsortiumGenerator.EMPATHY) && r.groupId() != null) {
                empathy.computeIfAbsent(r.participantId(), p -> new HashMap<>()).put(r.timepoint(),
                        r.scores().get("total"));
            }
        }
        List<Pair> all = new ArrayList<>();
        for (Consortium.Group g : consortium.groups()) {
            Map<String, Integer> attended = new HashMap<>();
            g.sessions().forEach(s -> s.attendance().stream().filter(a -> a.status() == AttendanceStatus.PRESENT)
                    .forEach(a -> attended.merge(a.participantId(), 1, Integer::sum)));
            double meanAttended = g.members().stream().mapToInt(m -> attended.getOrDefault(m.participantId(), 0))
                    .average().orElse(0);
            List<Pair> pairs = new ArrayList<>();
            for (Consortium.Member m : g.members()) {
                Map<Timepoint, Integer> scores = empathy.get(m.participantId());
                if (scores != null && scores.containsKey(Timepoint.BASELINE) && scores.containsKey(Timepoint.POST)) {
                    int dose = attended.getOrDefault(m.participantId(), 0);
                    pairs.add(new Pair(g.institutionId(), g.groupId(), scores.get(Timepoint.BASELINE),
                            scores.get(Timepoint.POST), dose,
                            PlantedEffects.change(g.design(), g.sessions().size(), meanAttended, dose)));
                }
            }
            if (pairs.size() >= PlantedEffectsAnalysis.MINIMUM_CELL_SIZE) {
                all.addAll(pairs);
            }
        }
        return all;
    }
}
