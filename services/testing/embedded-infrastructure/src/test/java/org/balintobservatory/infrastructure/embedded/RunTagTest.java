package org.balintobservatory.infrastructure.embedded;

import org.balintobservatory.personaldata.IdentifierGuard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run tag is part of the ids a test run sends (an institution, a programme), so the identifier guard must
 * accept every tag, or a run fails on the day its tag happens to look like a number or a name. The nanosecond
 * clock the tests once used did, about once in three runs.
 */
class RunTagTest {

    /** How the services' tests build ids from the tag. */
    private static final List<String> PREFIXES = List.of("", "school-", "uni-", "other-", "configured-school-",
            "bootstrap-admin-", "wellbeing-", "broken-", "r-wb-", "fz-institution-", "fz-key-");

    @Test
    void theGuardAcceptsEveryTagInTheIdsTheTestsBuildFromIt() {
        // Seeded: the same two thousand tags on every run.
        SplittableRandom random = new SplittableRandom(20261206L);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String tag = InfrastructureEndpoints.runTag(random);
            for (String prefix : PREFIXES) {
                String id = prefix + tag;
                IdentifierGuard.checkId(id).ifPresent(r -> refused.add(id + ": " + r.rule()));
            }
        }
        assertThat(refused).isEmpty();
    }

    @Test
    void aTagIsEightConsonantsAndTheSameForTheWholeRun() {
        assertThat(InfrastructureEndpoints.runTag()).matches("[b-df-hj-np-tv-xz]{8}")
                .isEqualTo(InfrastructureEndpoints.runTag());
    }
}
