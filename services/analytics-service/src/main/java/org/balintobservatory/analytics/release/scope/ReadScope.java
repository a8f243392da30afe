package org.balintobservatory.analytics.release.scope;

import org.balintobservatory.analytics.readmodel.release.DataRelease;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;

import java.util.Map;

/**
 * What one answer is read from: either a school's own institution, live, or a published data release.
 *
 * @param store         the read-model collections to read: the active generation, or the release's own
 * @param logPosition   the per-partition offsets the answer reflects: now, or where the release was cut
 * @param release       the data release, {@code null} in a school's live view
 * @param institutionId the school's own institution in a live view, {@code null} for a release (every institution)
 * @param minCellSize   the threshold disclosure control applies to the answer
 */
public record ReadScope(MongoReadModelStore store, Map<String, Long> logPosition, DataRelease release,
                        String institutionId, int minCellSize) {

    /** Whether the answer is a school's live view of its own institution rather than a release. */
    public boolean live() {
        return release == null;
    }

    public int generation() {
        return store.generation();
    }

    /** What the answer says it comes from. */
    public ReleaseLabel label() {
        return live() ? new ReleaseLabel(true, null, null, logPosition)
                : new ReleaseLabel(false, release.name(), release.cutAt(), release.logPosition());
    }

    /** The release's name, {@code null} in a live view. */
    public String releaseName() {
        return release == null ? null : release.name();
    }
}
