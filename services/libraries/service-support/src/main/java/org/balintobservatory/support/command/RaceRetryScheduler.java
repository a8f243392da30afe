package org.balintobservatory.support.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command again when it lost a race for its aggregate, and only then: another request (on this
 * instance or another one of the service) appended to the same aggregate between this command's load and
 * its append ({@link ConcurrencyException}), or created it first ({@link AggregateStreamCreationException}).
 * The next attempt loads what the winner stored and decides on it, so two identical requests that meet
 * (a school's retry landing on another instance while the first is still in flight) end as one accepted
 * command and one idempotent repeat, and two different ones as one accepted and one refused for a rule,
 * never as a refusal for the race itself. Every other failure is the command's answer and is not retried.
 *
 * <p>Attempts are spaced by a few tens of milliseconds with jitter, so two losers do not meet again.
 */
public final class RaceRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;

    public RaceRetryScheduler(ScheduledExecutorService executor, int maxRetries) {
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() > maxRetries || !lostARace(lastFailure)) {
            return false;
        }
        long delay = 10L * failures.size() + ThreadLocalRandom.current().nextLong(20);
        executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean lostARace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
