package org.balintobservatory.hostile;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The normal run's share of path variants still sends every variant of a path shape across routes and callers. */
class PathVariantProbeShareTest {

    @Test
    void consecutiveTurnsOverPathsOfOneShapeSendEveryVariantOnce() {
        List<String> variants = PathVariants.of("/api/v1/keys/" + PathVariantProbe.PLACEHOLDER);
        int share = PathVariantProbe.SHORT_RUN_SHARE;
        Set<String> sent = new HashSet<>();
        int total = 0;
        for (int turn = 7; turn < 7 + share; turn++) {
            List<String> one = PathVariantProbe.share(variants, turn, share);
            assertThat(one.size()).as("turn %d", turn).isBetween(variants.size() / share, variants.size() / share + 1);
            sent.addAll(one);
            total += one.size();
        }
        assertThat(sent).containsExactlyInAnyOrderElementsOf(variants);
        assertThat(total).isEqualTo(variants.size());
    }

    @Test
    void aShareOfOneSendsEveryVariant() {
        List<String> variants = PathVariants.of("/api/v1/groups/g-1/sessions");
        assertThat(PathVariantProbe.share(variants, 5, 1)).isEqualTo(variants);
    }
}
