package org.balintobservatory.support.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DOWN while a server this service needs does not answer a cheap call within {@link #TIMEOUT}; UP again, by
 * itself, at the first check after it answers. Readiness includes it, so that the gateway or ingress sends
 * requests elsewhere, or answers 503, instead of letting them fail inside the service.
 *
 * <p>At most one check per {@link #MAX_AGE}, each bounded by {@link #TIMEOUT} and run on a thread of its own:
 * a probe every second must neither wait for a server that does not answer nor queue calls against it.
 */
public final class ReachabilityHealthIndicator implements HealthIndicator, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    /** A call that returns when the server answered, and throws when it did not. */
    @FunctionalInterface
    public interface Probe {
        void call() throws Exception;
    }

    private final String server;
    private final Probe probe;
    private final Clock clock;
    private final ExecutorService executor;
    private final AutoCloseable client;
    private Health last;
    private Instant checkedAt = Instant.MIN;

    /**
     * @param server what is checked, for the health details ("kafka", "mongodb")
     * @param client what the probe calls through, closed with this indicator (or {@code null})
     */
    public ReachabilityHealthIndicator(String server, Probe probe, AutoCloseable client, Clock clock) {
        this.server = server;
        this.client = client;
        this.probe = probe;
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, server + "-health");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || Duration.between(checkedAt, now).compareTo(MAX_AGE) >= 0) {
            last = check();
            checkedAt = now;
        }
        return last;
    }

    private Health check() {
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try {
                probe.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, executor);
        try {
            call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (TimeoutException e) {
            call.cancel(true);
            return Health.down().withDetail("reason", server + " did not answer within " + TIMEOUT).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("reason", "interrupted").build();
        } catch (Exception e) {
            return Health.down().withDetail("reason", server + " is unreachable").build();
        }
    }

    @Override
    public void close() throws Exception {
        executor.shutdownNow();
        if (client != null) {
            client.close();
        }
    }
}
