package org.balintobservatory.personaldata;

import org.balintobservatory.hostile.IdentifierCorpus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard's memory of accepted ids: it answers as the checks do, and remembers no refused value. */
class AcceptedIdsTest {

    @Test
    void remembersAnAcceptedIdUntilAnotherTakesItsSlot() {
        AcceptedIds ids = new AcceptedIds(1);
        assertThat(ids.contains("grp-0001")).isFalse();
        ids.add("grp-0001");
        assertThat(ids.contains("grp-0001")).isTrue();
        ids.add("grp-0002");
        assertThat(ids.contains("grp-0002")).isTrue();
        assertThat(ids.contains("grp-0001")).as("one slot: the older id is forgotten, and checked again").isFalse();
        assertThatThrownBy(() -> new AcceptedIds(3)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Every value of the corpus, identifying or legitimate, checked three times over: the second and third
     * answers (from memory where the first accepted) equal the first, and every identifying value is still
     * refused after the legitimate ones filled the memory.
     */
    @Test
    void theGuardAnswersARepeatedIdAsItAnsweredItFirst() {
        List<String> values = Stream.concat(IdentifierCorpus.attempts().stream().map(IdentifierCorpus.Attempt::value),
                Stream.concat(IdentifierCorpus.PSEUDONYMS.stream(), IdentifierCorpus.legitimate().stream())).toList();
        List<Optional<IdentifierGuard.Refusal>> first = values.stream().map(IdentifierGuard::checkId).toList();
        for (int round = 0; round < 2; round++) {
            assertThat(values.stream().map(IdentifierGuard::checkId).toList()).isEqualTo(first);
        }
        assertThat(IdentifierCorpus.PSEUDONYMS).allSatisfy(id -> assertThat(IdentifierGuard.checkId(id)).isEmpty());
        assertThat(IdentifierCorpus.idShaped()).allSatisfy(a ->
                assertThat(IdentifierGuard.checkId(a.value())).as(a.value()).isPresent());
    }
}
