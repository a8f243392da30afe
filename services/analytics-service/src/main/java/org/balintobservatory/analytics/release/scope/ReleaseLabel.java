package org.balintobservatory.analytics.release.scope;

import java.time.Instant;
import java.util.Map;

/**
 * Where an answer comes from, in every analytics answer as {@code release}: a published data release, or
 * a school's own live view. A researcher can quote it, and ask the same release again for the same answer.
 *
 * @param live        {@code true} in a school's live view of its own institution, {@code false} for a release
 * @param name        the release's name, {@code null} in a live view
 * @param cutAt       when the release was cut, {@code null} in a live view
 * @param logPosition the per-partition offsets the answer reflects: where the release was cut, or now
 */
public record ReleaseLabel(boolean live, String name, Instant cutAt, Map<String, Long> logPosition) {

    /** One line for a file that cannot hold the object: {@code release-3 (cut 2026-11-30T08:00:00Z)} or {@code live}. */
    public String text() {
        return live ? "live" : name + " (cut " + cutAt + ")";
    }
}
