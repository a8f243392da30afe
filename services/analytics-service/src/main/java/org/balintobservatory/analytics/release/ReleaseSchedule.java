package org.balintobservatory.analytics.release;

import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.readmodel.release.DataReleases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a data release every {@code balint.analytics.release-every}, when that is set. Each instance of the
 * service runs the schedule; an instance skips its turn when a release was cut less than half a period
 * ago, and the cut's lease keeps two instances from cutting at once.
 */
@Component
class ReleaseSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReleaseSchedule.class);

    private final ReleaseCutter cutter;
    private final DataReleases releases;
    private final Clock clock;
    private final Duration every;
    private ScheduledExecutorService executor;

    ReleaseSchedule(ReleaseCutter cutter, DataReleases releases, Clock clock, AnalyticsProperties properties) {
        this.cutter = cutter;
        this.releases = releases;
        this.clock = clock;
        this.every = properties.releaseEvery();
    }

    @Override
    public void start() {
        if (every == null || every.isZero() || every.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "analytics-release-schedule"));
        executor.scheduleAtFixedRate(() -> {
            try {
                // Every instance runs this schedule; the first to come cuts, the others find it recent.
                Instant due = releases.latest().map(r -> r.cutAt().plus(every.dividedBy(2))).orElse(Instant.MIN);
                if (clock.instant().isBefore(due)) {
                    return;
                }
                cutter.cut(null);
            } catch (ErrorResponseException e) {
                log.info("another instance is cutting this period's data release");
            } catch (RuntimeException e) {
                log.error("scheduled data release failed; the next attempt is in {}", every, e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
