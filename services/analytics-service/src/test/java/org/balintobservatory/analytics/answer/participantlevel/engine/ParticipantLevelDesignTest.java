package org.balintobservatory.analytics.answer.participantlevel.engine;

import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.analytics.readmodel.participant.DoseMoments;
import org.balintobservatory.metaanalysis.mixed.ClusterStatistics;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The design built from dose moments is the design built row by row: for every group, the cross-products of
 * the rows {@code (1, x, d − d̄, d̄, moderators…)} summed participant by participant equal what
 * {@link ParticipantLevelDesign} builds from the sums per dose alone.
 */
class ParticipantLevelDesignTest {

    /** One participant of the fixture: sessions attended, baseline, later score. */
    private record Row(int dose, double x, double y) {
    }

    private static Moderators moderators(double plannedSize, String style) {
        return new Moderators(1, plannedSize, style, 1.0, true, "WEEKLY", 4.0, "IN_PERSON", null, null, null, null,
                null, null);
    }

    @Test
    void theSumsPerDoseGiveEveryGroupsCrossProductsExactly() {
        Random random = new Random(7);
        String[] styles = {"CLASSIC_BALINT", "CLASSIC_BALINT", "STRUCTURED", "CLASSIC_BALINT", "STRUCTURED"};
        List<GroupData> groups = new ArrayList<>();
        List<List<Row>> rows = new ArrayList<>();
        for (int g = 0; g < styles.length; g++) {
            List<Row> members = new ArrayList<>();
            DoseMoments doses = new DoseMoments();
            for (int i = 0; i < 6 + g; i++) {
                Row r = new Row(random.nextInt(12), 100 + random.nextGaussian() * 10, 105 + random.nextGaussian() * 10);
                members.add(r);
                doses.add(r.dose(), r.x(), r.y());
            }
            rows.add(members);
            groups.add(new GroupData("inst-" + (g % 2) + "/g-" + g, "inst-" + (g % 2),
                    moderators(6 + g, styles[g]), doses, new PairedMoments().state()));
        }

        ParticipantLevelDesign.Built built = ParticipantLevelDesign.build(groups,
                List.of(GroupModerator.PLANNED_SIZE, GroupModerator.FACILITATION_STYLE), DoseShape.LINEAR, true);

        // The most common style is the reference, so the one contrast is STRUCTURED's.
        assertThat(built.terms()).containsExactly("(Intercept)", "baseline", "doseWithin", "doseBetween",
                "plannedSize", "facilitationStyle[STRUCTURED]");
        assertThat(built.participants()).isEqualTo(6 + 7 + 8 + 9 + 10);
        for (int k = 0; k < built.groups().size(); k++) {
            GroupData group = built.groups().get(k);
            int g = Integer.parseInt(group.groupId().substring(group.groupId().lastIndexOf('-') + 1));
            List<Row> members = rows.get(g);
            double meanDose = members.stream().mapToInt(Row::dose).average().orElseThrow();
            double[][] x = new double[members.size()][];
            double[] y = new double[members.size()];
            for (int i = 0; i < members.size(); i++) {
                Row r = members.get(i);
                x[i] = new double[] {1, r.x(), r.dose() - meanDose, meanDose, 6 + g,
                        styles[g].equals("STRUCTURED") ? 1 : 0};
                y[i] = r.y();
            }
            ClusterStatistics cluster = built.clusters().get(k);
            assertThat(cluster.outerId()).isEqualTo(group.institutionId());
            assertThat(cluster.n()).isEqualTo(members.size());
            double ySum = 0;
            double yty = 0;
            for (int i = 0; i < y.length; i++) {
                ySum += y[i];
                yty += y[i] * y[i];
            }
            assertThat(cluster.ySum()).isCloseTo(ySum, within(1e-9));
            assertThat(cluster.yty()).isCloseTo(yty, within(1e-6));
            for (int a = 0; a < 6; a++) {
                double xSum = 0;
                double xty = 0;
                for (int i = 0; i < y.length; i++) {
                    xSum += x[i][a];
                    xty += x[i][a] * y[i];
                }
                assertThat(cluster.xSum()[a]).as("Σx[%d] of %s", a, group.groupId()).isCloseTo(xSum, within(1e-9));
                assertThat(cluster.xty()[a]).as("Σxy[%d] of %s", a, group.groupId()).isCloseTo(xty, within(1e-6));
                for (int b = 0; b < 6; b++) {
                    double xtx = 0;
                    for (double[] row : x) {
                        xtx += row[a] * row[b];
                    }
                    assertThat(cluster.xtx()[a][b]).as("ΣXX'[%d][%d] of %s", a, b, group.groupId())
                            .isCloseTo(xtx, within(1e-6));
                }
            }
        }
    }

    @Test
    void aGroupWithoutAModeratorsValueIsLeftOutAndCounted() {
        DoseMoments doses = new DoseMoments().add(3, 100, 104).add(4, 98, 101);
        List<GroupData> groups = List.of(
                new GroupData("i/g-1", "i", moderators(8, "CLASSIC_BALINT"), doses, new PairedMoments().state()),
                new GroupData("i/g-2", "i", new Moderators(1, null, "CLASSIC_BALINT", null, null, null, null, null,
                        null, null, null, null, null, null), doses, new PairedMoments().state()));

        ParticipantLevelDesign.Built built = ParticipantLevelDesign.build(groups, List.of(GroupModerator.PLANNED_SIZE),
                DoseShape.LINEAR, false);

        assertThat(built.groups()).extracting(GroupData::groupId).containsExactly("i/g-1");
        assertThat(built.missing()).isEqualTo(Map.of("plannedSize", 1));
        assertThat(built.clusters().get(0).outerId()).isNull();
    }

    @Test
    void thePooledBaselineSdPoolsEachGroupsSquaresOverItsDegreesOfFreedom() {
        // Group 1: baselines 10, 12, 14 (squares 8, df 2); group 2: 20, 26 (squares 18, df 1): √(26 / 3).
        DoseMoments one = new DoseMoments().add(1, 10, 0).add(2, 12, 0).add(2, 14, 0);
        DoseMoments two = new DoseMoments().add(1, 20, 0).add(5, 26, 0);
        ParticipantLevelDesign.Built built = ParticipantLevelDesign.build(List.of(
                new GroupData("i/a", "i", moderators(8, "X"), one, null),
                new GroupData("i/b", "i", moderators(8, "X"), two, null)), List.of(), DoseShape.LINEAR, false);

        assertThat(built.baselineSd()).isCloseTo(Math.sqrt(26.0 / 3), within(1e-12));
    }

    @Test
    void aLevelWithFewerGroupsThanTheThresholdIsNotReportedNorIsAnyContrastWithASmallReference() {
        List<ParticipantLevelDesign.Level> levels = List.of(
                new ParticipantLevelDesign.Level("facilitationStyle", "CLASSIC_BALINT", null, 9),
                new ParticipantLevelDesign.Level("facilitationStyle", "STRUCTURED", "facilitationStyle[STRUCTURED]", 5),
                new ParticipantLevelDesign.Level("facilitationStyle", "OTHER", "facilitationStyle[OTHER]", 4),
                new ParticipantLevelDesign.Level("format", "IN_PERSON", null, 4),
                new ParticipantLevelDesign.Level("format", "VIRTUAL", "format[VIRTUAL]", 6));

        Map<String, String> withheld = ParticipantLevelEngine.withheld(levels, 5);

        assertThat(withheld).containsOnlyKeys("facilitationStyle[OTHER]", "format[VIRTUAL]");
        assertThat(withheld.get("format[VIRTUAL]")).contains("reference");
    }
}
