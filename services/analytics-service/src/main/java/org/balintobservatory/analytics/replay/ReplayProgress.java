package org.balintobservatory.analytics.replay;

import java.time.Instant;
import java.util.Map;

/**
 * Where a rebuild of the read models stands.
 *
 * @param state            {@code IDLE} before any rebuild, then {@code RUNNING}, {@code SWITCHING},
 *                         {@code COMPLETED} or {@code FAILED}
 * @param generation       the generation being built (or last built)
 * @param activeGeneration the generation answering queries now
 * @param eventsDone       records read from the topics so far
 * @param eventsTotal      records on the topics when the rebuild started: what it must read before it
 *                         can switch over
 * @param eventsPerSecond  the average rate since the start
 * @param etaSeconds       seconds left at that rate, {@code null} before the rate is known
 * @param logPosition      the offsets the rebuilt generation reflects, once switched over
 */
public record ReplayProgress(
        String state,
        Integer generation,
        int activeGeneration,
        Instant startedAt,
        Instant finishedAt,
        long eventsDone,
        long eventsTotal,
        Double eventsPerSecond,
        Long etaSeconds,
        String failure,
        Map<String, Long> logPosition) {
}
