package org.balintobservatory.analytics.release.scope;

import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.readmodel.release.DataRelease;
import org.balintobservatory.analytics.readmodel.release.DataReleases;
import org.balintobservatory.analytics.readmodel.store.Generations;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.balintobservatory.support.web.Refusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that turns a caller and the release asked for into what the answer is read from: a school
 * sees its own institution live (the active generation at the log position now), a researcher or an
 * administrator sees a published data release (its collections and the log position it was cut at).
 *
 * <p>Disclosure control over time: only a published release can be chosen, by name or as of a date, and an
 * answer is read from exactly the one chosen, so it is what that release published (its units, as its
 * {@code ReleasePolicy} held them back against every release before it), never a mix of two releases or of a
 * release and the live data.
 *
 * <p>The threshold of a release is the larger of the one it was cut with and the one configured now: an
 * earlier release answers as it was published, and never less strictly than the service would now.
 */
@Component
public class ReadScopes {

    /** A release's name, as {@code ReleaseCutter} allows it. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.+");

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
     * @throws InvalidRequestException 400 naming {@code release} or {@code asOf}: a value that cannot name a
     *                                 release, both at once, or either from a school, which is answered live
     * @throws ErrorResponseException  404 naming the field: no release published (yet, or by that name or date)
     */
    public ReadScope of(Caller caller, ReleaseChoice choice) {
        ReleaseChoice asked = choice == null ? ReleaseChoice.LATEST : choice;
        if (caller.role() == Role.SCHOOL) {
            if (asked.given()) {
                throw invalid(ReleaseChoice.blank(asked.release()) ? "asOf" : "release", "researchers-only",
                        "a school is answered from its own data, live; data releases are what researchers are "
                                + "answered from");
            }
            return live(caller.requireInstitution());
        }
        return released(choose(asked));
    }

    /** Only a published release can be chosen, and an answer is read from exactly the one chosen. */
    private DataRelease choose(ReleaseChoice asked) {
        boolean named = !ReleaseChoice.blank(asked.release());
        boolean dated = !ReleaseChoice.blank(asked.asOf());
        if (named && dated) {
            throw invalid("asOf", "one-of", "ask for a release by its name or as of a date, not both");
        }
        if (named) {
            String name = asked.release();
            if (!NAME.matcher(name).matches()) {
                throw invalid("release", "pattern", "release is a data release's name, " + NAME.pattern()
                        + ", as GET /api/v1/analytics/releases lists them");
            }
            Optional<DataRelease> release = releases.named(name);
            if (release.isEmpty() && DAY.matcher(name).matches()) {
                // A day that names no release asks "as of" it, as release=<day> always has.
                release = day(name).flatMap(releases::cutBefore);
            }
            return release.orElseThrow(() -> notFound("release", "no data release named " + name
                    + (DAY.matcher(name).matches() ? ", and none was cut on or before that day" : "")
                    + "; GET /api/v1/analytics/releases lists them"));
        }
        if (dated) {
            String asOf = asked.asOf();
            Instant before = day(asOf).or(() -> instant(asOf)).orElseThrow(() -> invalid("asOf", "date",
                    "asOf is a day (2026-10-01, to the end of that day in UTC) or an instant (2026-10-01T12:00:00Z)"));
            return releases.cutBefore(before).orElseThrow(() -> notFound("asOf", "no data release was cut by "
                    + asOf + "; GET /api/v1/analytics/releases lists them"));
        }
        return releases.latest().orElseThrow(() -> new NotFoundException("no data release has been published yet;"
                + " an administrator cuts one with POST /api/v1/analytics/admin/releases"));
    }

    /** The end of a day in UTC (exclusive), when the text is a day. */
    private static Optional<Instant> day(String text) {
        if (!DAY.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Just after an instant with its offset (exclusive, at the store's millisecond precision). Four-digit years
     * only: a year such as +999999999 parses, but no time of the store reaches it.
     */
    private static Optional<Instant> instant(String text) {
        if (!INSTANT.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS).plusMillis(1));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static InvalidRequestException invalid(String field, String rule, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, rule, message)));
    }

    private static ErrorResponseException notFound(String field, String detail) {
        ProblemDetail problem = Refusals.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail,
                List.of(new FieldError(field, "published", detail)));
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
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
}
