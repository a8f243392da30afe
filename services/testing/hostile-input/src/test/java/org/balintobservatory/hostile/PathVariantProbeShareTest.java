package org.balintobservatory.hostile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The normal run's share of path variants still sends every variant of a path shape across routes and callers. */
class PathVariantProbeShareTest {

    @ParameterizedTest
    @ValueSource(ints = {PathVariantProbe.SHORT_RUN_SHARE, 12})
    void consecutiveTurnsOverPathsOfOneShapeSendEveryVariantOnce(int share) {
        List<String> variants = PathVariants.of("/api/v1/keys/" + PathVariantProbe.PLACEHOLDER);
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
    void aShareBelowOneIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> PathVariantProbe.violations(URI.create("http://localhost:1"), List.of(),
                Map.of(), (route, caller) -> false, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShareOfOneSendsEveryVariant() {
        List<String> variants = PathVariants.of("/api/v1/groups/g-1/sessions");
        assertThat(PathVariantProbe.share(variants, 5, 1)).isEqualTo(variants);
    }
}
