package org.balintobservatory.analytics.ingest;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/** Events per second over a sliding window, for a gauge and for progress logs. */
public final class EventRate {

    private final Clock clock;
    private final long windowMillis;
    private final Deque<long[]> samples = new ArrayDeque<>();

    public EventRate(Clock clock, long windowMillis) {
        this.clock = clock;
        this.windowMillis = windowMillis;
    }

    public synchronized void record(long events) {
        long now = clock.millis();
        samples.addLast(new long[] {now, events});
        expire(now);
    }

    public synchronized double perSecond() {
        long now = clock.millis();
        expire(now);
        long events = samples.stream().mapToLong(s -> s[1]).sum();
        return events * 1000.0 / windowMillis;
    }

    private void expire(long now) {
        while (!samples.isEmpty() && samples.peekFirst()[0] < now - windowMillis) {
            samples.removeFirst();
        }
    }
}
