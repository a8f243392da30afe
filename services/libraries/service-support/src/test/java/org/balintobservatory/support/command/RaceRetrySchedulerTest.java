package org.balintobservatory.support.command;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Through a real gateway and command bus: which failures are sent again, and how often. */
class RaceRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus)
            .retryScheduler(new RaceRetryScheduler(executor, 3)).build();
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A handler that fails with these, one per attempt, then succeeds. */
    private void handlerFailingWith(RuntimeException... failures) {
        List<RuntimeException> left = new ArrayList<>(List.of(failures));
        bus.subscribe(String.class.getName(), message -> {
            attempts.incrementAndGet();
            if (!left.isEmpty()) {
                throw left.remove(0);
            }
            return "accepted";
        });
    }

    @Test
    void aCommandThatLostARaceForItsAggregateIsSentAgainAndSucceeds() {
        handlerFailingWith(new ConcurrencyException("appended by another request"),
                new AggregateStreamCreationException("created by another request"));

        Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage("form group"));

        assertThat(result).isEqualTo("accepted");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aRuleRefusalIsTheAnswerAndIsNotSentAgain() {
        handlerFailingWith(new IllegalArgumentException("session before the group was formed"));

        assertThatThrownBy(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage("record session")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void racesLostOverAndOverEndAfterThreeRetries() {
        handlerFailingWith(new ConcurrencyException("1"), new ConcurrencyException("2"), new ConcurrencyException("3"),
                new ConcurrencyException("4"), new ConcurrencyException("5"));

        assertThatThrownBy(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage("enrol")))
                .isInstanceOf(ConcurrencyException.class).hasMessage("4");
        assertThat(attempts).hasValue(4);
    }
}
