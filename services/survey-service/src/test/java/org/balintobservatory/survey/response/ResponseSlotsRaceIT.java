package org.balintobservatory.survey.response;

import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.survey.SurveyServiceTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two commands that want the same free slot at the same moment, as two instances of the service can run
 * them: the second waits for the first's transaction and is told who holds the slot, instead of failing on
 * the unique index when the first commits. The first is held open until PostgreSQL shows the second waiting
 * for it, so the overlap is certain.
 */
class ResponseSlotsRaceIT extends SurveyServiceTestSupport {

    @Autowired
    ResponseSlots slots;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMoveIntoASlotAnotherTransactionIsTakingWaitsAndNamesTheHolder() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            slots.claim(SCHOOL, "race-a", "p-race-a", "pss-10-style", Timepoint.BASELINE);
            slots.claim(SCHOOL, "race-b", "p-race-b", "pss-10-style", Timepoint.BASELINE);
        });

        assertThat(raceFor(tx, (first) -> slots.move(SCHOOL, first, "p-race-target", "pss-10-style",
                Timepoint.BASELINE), "race-a", "race-b")).contains("race-a");
    }

    @Test
    void aClaimOfASlotAnotherTransactionIsMovingIntoWaitsAndNamesTheHolder() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> slots.claim(SCHOOL, "race-c", "p-race-c", "pss-10-style", Timepoint.POST));

        Optional<String> second = race(tx,
                () -> slots.move(SCHOOL, "race-c", "p-race-target-2", "pss-10-style", Timepoint.POST),
                () -> slots.claim(SCHOOL, "race-d", "p-race-target-2", "pss-10-style", Timepoint.POST));
        assertThat(second).contains("race-c");
    }

    @Test
    void theSameResponseClaimingItsSlotAgainIsNoConflictWithItself() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> assertThat(slots.claim(SCHOOL, "race-e", "p-race-e", "pss-10-style",
                Timepoint.BASELINE)).isEmpty());
        tx.executeWithoutResult(s -> assertThat(slots.claim(SCHOOL, "race-e", "p-race-e", "pss-10-style",
                Timepoint.BASELINE)).as("the retry of the same submission").isEmpty());
        tx.executeWithoutResult(s -> assertThat(slots.claim(SCHOOL, "race-f", "p-race-e", "pss-10-style",
                Timepoint.BASELINE)).as("another response for the slot").contains("race-e"));
    }

    private Optional<String> raceFor(TransactionTemplate tx, java.util.function.Function<String, Optional<String>> move,
                                     String first, String second) throws Exception {
        return race(tx, () -> move.apply(first), () -> move.apply(second));
    }

    /**
     * Runs {@code first} in a transaction that stays open until {@code second}, in a transaction of its own,
     * is waiting for it in PostgreSQL ({@code pg_blocking_pids} names the first's backend), or has finished
     * without waiting; returns what {@code second} answered. The overlap is observed, never assumed from a
     * pause.
     */
    private Optional<String> race(TransactionTemplate tx, java.util.function.Supplier<Optional<String>> first,
                                  java.util.function.Supplier<Optional<String>> second) throws Exception {
        Duration wait = Patience.scaled(Duration.ofSeconds(20));
        CompletableFuture<Integer> firstBackend = new CompletableFuture<>();
        CountDownLatch secondIsWaiting = new CountDownLatch(1);
        CompletableFuture<Optional<String>> one = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
            Optional<String> holder = first.get();
            firstBackend.complete(jdbc.queryForObject("select pg_backend_pid()", Integer.class));
            try {
                secondIsWaiting.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return holder;
        }));
        int backend = firstBackend.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Optional<String>> two = CompletableFuture.supplyAsync(() -> tx.execute(s -> second.get()));
        try {
            await().atMost(wait).pollInterval(Duration.ofMillis(20)).until(() -> two.isDone()
                    || jdbc.queryForObject("select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
                    Integer.class, backend) > 0);
        } finally {
            secondIsWaiting.countDown();
        }
        assertThat(one.get(wait.toMillis(), TimeUnit.MILLISECONDS)).as("the first finds the slot free").isEmpty();
        return two.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
