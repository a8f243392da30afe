package org.balintobservatory.analytics.release;

import org.balintobservatory.analytics.AnalyticsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Cuts a data release every {@code balint.analytics.release-every}, when that is set. */
@Component
class ReleaseSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReleaseSchedule.class);

    private final ReleaseCutter cutter;
    private final Duration every;
    private ScheduledExecutorService executor;

    ReleaseSchedule(ReleaseCutter cutter, AnalyticsProperties properties) {
        this.cutter = cutter;
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
                cutter.cut(null);
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
