package org.balintobservatory.survey.unit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The turns to wait for a programme or group not known yet: each institution has
 * {@code perInstitution} of its own, and all of them together at most {@code total}. As
 * {@code perInstitution < total}, one institution that fills its own turns leaves
 * {@code total - perInstitution} for the others; only many institutions at once can reach the total.
 *
 * <p>An institution's count is kept only while it has a request waiting, so the map holds no more
 * entries than there are waiting requests.
 */
final class WaitSlots {

    private final int perInstitution;
    private final Semaphore total;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    WaitSlots(int perInstitution, int total) {
        this.perInstitution = perInstitution;
        this.total = new Semaphore(total);
    }

    /** Takes one of the institution's turns, or answers {@code false} at once when none is free. */
    boolean tryTake(String institutionId) {
        boolean[] taken = {false};
        // compute runs under the map's lock for this key: counting and taking from the total happen together.
        held.compute(institutionId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perInstitution || !total.tryAcquire()) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    void give(String institutionId) {
        held.computeIfPresent(institutionId, (id, count) -> count == 1 ? null : count - 1);
        total.release();
    }

    /** How many of the institution's requests wait now. */
    int waiting(String institutionId) {
        return held.getOrDefault(institutionId, 0);
    }
}
