package org.balintobservatory.localstack.faults;

import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.localstack.LocalInfrastructure;
import org.balintobservatory.localstack.LocalStack;
import org.balintobservatory.localstack.ServiceInstance;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Injects one fault into a running stack and measures how long the stack takes to recover: from the moment
 * the part is back (for a killed service, from the kill, since the launcher restarts it) until every
 * instance of every service reports UP again, each with the dependencies its readiness includes.
 */
final class FaultInjector {

    /** How long a stopped server stays away in the full run: random between these, seeded. */
    static final Duration MIN_OUTAGE = Duration.ofSeconds(2);
    static final Duration MAX_OUTAGE = Duration.ofSeconds(8);
    /**
     * The short run's outages: long enough that clients' connections break and requests meet the part away,
     * short enough that four faults fit the normal test run.
     */
    static final Duration SHORT_RUN_MAX_OUTAGE = Duration.ofSeconds(3);
    /** Longer than a producer's request timeout (30 s by default), so that publishing times out. */
    static final Duration LONG_OUTAGE = Duration.ofSeconds(35);
    static final Duration RECOVERY_LIMIT = Duration.ofMinutes(6);

    private final LocalStack stack;
    private final Duration maxOutage;

    /** @param maxOutage the longest a stopped server stays away ({@link #MAX_OUTAGE}, or the short run's) */
    FaultInjector(LocalStack stack, Duration maxOutage) {
        this.stack = stack;
        this.maxOutage = maxOutage;
    }

    /** @return the time to recover */
    Duration inject(FaultKind kind, Random random) throws InterruptedException {
        LocalInfrastructure infra = stack.infrastructure();
        Duration outage = MIN_OUTAGE.plusMillis(random.nextLong(maxOutage.minus(MIN_OUTAGE).toMillis() + 1));
        Instant back;
        switch (kind) {
            case KILL_GROUP_SERVICE, KILL_SURVEY_SERVICE, KILL_ANALYTICS_SERVICE, KILL_ACCESS_SERVICE -> {
                ServiceInstance instance = stack.services().instance(kind.service());
                back = Instant.now();
                stack.services().kill(instance);
            }
            case KAFKA_RESTART -> back = away(infra.embeddedKafka().orElseThrow()::stop,
                    infra.embeddedKafka().orElseThrow()::restart, outage);
            case KAFKA_LONG_OUTAGE -> back = away(infra.embeddedKafka().orElseThrow()::stop,
                    infra.embeddedKafka().orElseThrow()::restart, LONG_OUTAGE);
            case KAFKA_PAUSE -> back = away(infra.kafkaProxy().orElseThrow()::pause,
                    infra.kafkaProxy().orElseThrow()::resume, LONG_OUTAGE);
            case POSTGRES_RESTART -> back = away(infra.embeddedPostgres().orElseThrow()::stop,
                    infra.embeddedPostgres().orElseThrow()::restart, outage);
            case MONGO_RESTART -> back = away(infra.embeddedMongo().orElseThrow()::stop,
                    infra.embeddedMongo().orElseThrow()::restart, outage);
            default -> throw new IllegalArgumentException(kind.name());
        }
        // The monitor needs a check or two to see the part go; recovery is counted once it has.
        if (!stack.services().awaitChecks(2, Patience.scaled(Duration.ofSeconds(30)))) {
            throw new IllegalStateException("the launcher's monitor stopped checking the services");
        }
        awaitHealthy(kind);
        return Duration.between(back, Instant.now());
    }

    /** Takes a part away for a while and gives it back; returns when it was back. */
    private static Instant away(Runnable stop, Runnable start, Duration outage) throws InterruptedException {
        stop.run();
        Thread.sleep(outage.toMillis());
        Instant back = Instant.now();
        start.run();
        return back;
    }

    void awaitHealthy(FaultKind after) throws InterruptedException {
        Duration limit = Patience.scaled(RECOVERY_LIMIT);
        Instant deadline = Instant.now().plus(limit);
        while (!stack.health().getStatus().equals(Status.UP)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the stack did not recover within " + limit + " after "
                        + after.description() + ": " + stack.health().getDetails());
            }
            Thread.sleep(200);
        }
    }
}
