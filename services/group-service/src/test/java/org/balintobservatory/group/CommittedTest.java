package org.balintobservatory.group;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A memo keeps a fact read inside a unit of work only when that unit commits. */
class CommittedTest {

    private final Committed<String> memo = new Committed<>();
    private final List<String> reads = new ArrayList<>();
    private final Function<String, Optional<String>> store = key -> {
        reads.add(key);
        return Optional.of("prog-" + key);
    };

    @Test
    void aFactReadOutsideAUnitOfWorkIsKeptAtOnce() {
        memo.get("a", store);
        memo.get("a", store);

        assertThat(reads).containsExactly("a");
    }

    @Test
    void aFactReadInsideAUnitOfWorkIsReadOnceThereAndKeptWhenItCommits() {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        memo.get("a", store);
        memo.get("a", store);
        unit.commit();
        memo.get("a", store);

        assertThat(reads).containsExactly("a");
    }

    @Test
    void aFactReadInsideAUnitOfWorkThatRollsBackIsForgotten() {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        memo.get("a", store);
        unit.rollback();
        memo.get("a", store);

        assertThat(reads).containsExactly("a", "a");
    }

    @Test
    void whatIsNotThereYetIsAskedAgain() {
        Function<String, Optional<String>> empty = key -> {
            reads.add(key);
            return Optional.empty();
        };
        memo.get("a", empty);
        memo.get("a", empty);

        assertThat(reads).containsExactly("a", "a");
    }
}
