package org.balintobservatory.hostile;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The normal run's share of the identifier corpus: each field meets every kind of identifier, and consecutive
 * fields together send the whole corpus.
 */
class IdentifierCorpusShareTest {

    private final List<IdentifierCorpus.Attempt> corpus = IdentifierCorpus.attempts();

    @Test
    void everyFieldMeetsEveryKindInAboutOneAttemptInSix() {
        Set<IdentifierCorpus.Kind> kinds = EnumSet.noneOf(IdentifierCorpus.Kind.class);
        corpus.forEach(a -> kinds.add(a.kind()));
        for (int field = 0; field < 10; field++) {
            List<IdentifierCorpus.Attempt> share = IdentifierCorpus.share(corpus, field);
            Set<IdentifierCorpus.Kind> met = EnumSet.noneOf(IdentifierCorpus.Kind.class);
            share.forEach(a -> met.add(a.kind()));
            assertThat(met).as("field %d", field).isEqualTo(kinds);
            int oneIn = corpus.size() / IdentifierCorpus.SHORT_RUN_SHARE;
            assertThat(share.size()).as("field %d", field).isBetween(oneIn, oneIn + kinds.size() + 1);
            assertThat(new HashSet<>(share)).as("no attempt twice").hasSameSizeAs(share);
        }
    }

    @Test
    void consecutiveFieldsTogetherSendTheWholeCorpus() {
        Set<IdentifierCorpus.Attempt> sent = new HashSet<>();
        for (int field = 3; field < 3 + IdentifierCorpus.SHORT_RUN_SHARE; field++) {
            sent.addAll(IdentifierCorpus.share(corpus, field));
        }
        assertThat(sent).containsExactlyInAnyOrderElementsOf(corpus);
    }
}
