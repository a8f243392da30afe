package org.balintobservatory.support.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import org.balintobservatory.support.domain.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How the runner groups lines into shared transactions, and what it does when a shared transaction fails. */
class BatchRunnerTest {

    private final MovingClock clock = new MovingClock();
    private final Transactions transactions = new Transactions();

    @Test
    void consecutiveLinesShareTransactionsOfAtMostLinesPerTransaction() {
        BatchRunner runner = runner(100, Duration.ofMinutes(1));

        List<LineResult> results = runner.runAll(lines(250), line -> null);

        assertThat(transactions.committed).containsExactly(100, 100, 50);
        assertThat(results).extracting(LineResult::line)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 250).boxed().toList());
    }

    /** The pace is asked before each transaction but the first, each time after the commit before it. */
    @Test
    void aPacedBatchWaitsBeforeEachTransactionButTheFirst() {
        List<Integer> committedWhenAsked = new ArrayList<>();
        BatchRunner runner = runner(100, Duration.ofMinutes(1));

        runner.runAll(lines(250), line -> null, () -> committedWhenAsked.add(transactions.committed.size()));

        assertThat(committedWhenAsked).containsExactly(1, 2);
        assertThat(transactions.committed).containsExactly(100, 100, 50);
    }

    /** Each line takes a second; a transaction of 3 s takes three lines (the third ends at 3 s) and commits. */
    @Test
    void aTransactionThatHasRunItsTimeCommitsAndTheNextLineBeginsAnother() {
        BatchRunner runner = runner(100, Duration.ofSeconds(3));

        List<LineResult> results = runner.runAll(lines(8), line -> {
            clock.advance(Duration.ofSeconds(1));
            return null;
        });

        assertThat(transactions.committed).containsExactly(3, 3, 2);
        assertThat(results).hasSize(8);
    }

    /**
     * A refusal is the line's answer and the shared transaction goes on; a failure in the service rolls the
     * transaction back, and its lines run again one by one, each answered as on its own (the failing line with
     * 500, the others as before).
     */
    @Test
    void linesOfATransactionThatFailedRunAgainOneByOne() {
        BatchRunner runner = runner(100, Duration.ofMinutes(1));
        List<Integer> ran = new ArrayList<>();

        List<LineResult> results = runner.runAll(lines(4), line -> {
            ran.add(line.number());
            if (line.number() == 2) {
                throw new RuleViolationException("field", "some-rule", "refused");
            }
            if (line.number() == 3) {
                throw new IllegalStateException("the store failed");
            }
            return null;
        });

        assertThat(transactions.committed).isEmpty();
        assertThat(ran).containsExactly(1, 2, 3, 1, 2, 3, 4);
        assertThat(results).extracting(LineResult::status).containsExactly(201, 422, 500, 201);
    }

    @Test
    void aCommitThatFailsRunsTheLinesAgainOneByOne() {
        BatchRunner runner = runner(100, Duration.ofMinutes(1));
        transactions.commitFails = true;
        List<Integer> ran = new ArrayList<>();

        List<LineResult> results = runner.runAll(lines(3), line -> {
            ran.add(line.number());
            return null;
        });

        assertThat(ran).containsExactly(1, 2, 3, 1, 2, 3);
        assertThat(results).extracting(LineResult::outcome).containsOnly(LineResult.APPENDED).hasSize(3);
    }

    private BatchRunner runner(int linesPerTransaction, Duration transactionTime) {
        return new BatchRunner(new BatchProperties(DataSize.ofMegabytes(1), 1000, linesPerTransaction, transactionTime),
                new ObjectMapper(), Validation.buildDefaultValidatorFactory().getValidator(), transactions, clock);
    }

    private static List<String> lines(int count) {
        return Collections.nCopies(count, "{}");
    }

    /** Runs lines as {@link UnitOfWorkLineTransactions} does, without a database: a failure stores nothing. */
    private static final class Transactions implements LineTransactions {

        final List<Integer> committed = new ArrayList<>();
        boolean commitFails;

        @Override
        public Optional<List<LineResult>> together(List<BatchLine> lines, boolean savepoints, LineRun run,
                                                   BooleanSupplier full) {
            List<LineResult> results = new ArrayList<>();
            try {
                for (BatchLine line : lines) {
                    results.add(run.run(line));
                    if (full.getAsBoolean()) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            if (commitFails) {
                return Optional.empty();
            }
            committed.add(results.size());
            return Optional.of(results);
        }
    }

    /** A clock that moves only when told to; {@code BatchAdmissionTest} times its lag readings with it too. */
    static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
