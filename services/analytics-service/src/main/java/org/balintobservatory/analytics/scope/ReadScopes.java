package org.balintobservatory.analytics.scope;

import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.readmodel.DataRelease;
import org.balintobservatory.analytics.readmodel.DataReleases;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.analytics.readmodel.MongoReadModelStore;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns a caller and the release asked for into what the answer is read from: a school
 * sees its own institution live (the active generation at the log position now), a researcher or an
 * administrator sees a published data release (its collections and the log position it was cut at).
 *
 * <p>The threshold of a release is the larger of the one it was cut with and the one configured now: an
 * earlier release answers as it was published, and never less strictly than the service would now.
 */
@Component
public class ReadScopes {

    private final Generations generations;
    private final LogPosition position;
    private final DataReleases releases;
    private final int minCellSize;

    public ReadScopes(Generations generations, LogPosition position, DataReleases releases,
                      AnalyticsProperties properties) {
        this.generations = generations;
        this.position = position;
        this.releases = releases;
        this.minCellSize = properties.minCellSize();
    }

    /** The caller's answer from the latest release, or a school's live view. */
    public ReadScope of(Caller caller) {
        return of(caller, ReleaseChoice.LATEST);
    }

    /**
     * @throws NotFoundException for a researcher when no release has been published, or none answers the choice
     */
    public ReadScope of(Caller caller, ReleaseChoice choice) {
        if (caller.role() == Role.SCHOOL) {
            return live(caller.requireInstitution());
        }
        String name = choice == null ? null : choice.release();
        return released(releases.find(name).orElseThrow(() -> noRelease(name)));
    }

    /** The consortium as researchers see it now: the latest release, when one has been published. */
    public Optional<ReadScope> latestRelease() {
        return releases.latest().map(this::released);
    }

    private ReadScope live(String institutionId) {
        // The position before the store: the answer reflects at least the events it names.
        Map<String, Long> at = position.snapshot();
        return new ReadScope(generations.activeStore(), at, null, institutionId, minCellSize);
    }

    private ReadScope released(DataRelease release) {
        MongoReadModelStore store = releases.store(release);
        return new ReadScope(store, release.logPosition(), release, null,
                Math.max(minCellSize, release.minCellSize()));
    }

    /** Why a researcher's question has no answer: no release at all yet, or none of that name. */
    static NotFoundException noRelease(String name) {
        return new NotFoundException(name == null || name.isBlank()
                ? "no data release has been published yet; an administrator cuts one with "
                        + "POST /api/v1/analytics/admin/releases"
                : "no data release named " + name + (name.matches("\\d{4}-\\d{2}-\\d{2}")
                        ? ", and none was cut on or before that day" : ""));
    }
}
