package org.balintobservatory.analytics.release.scope;

/**
 * The data release a researcher asks an answer from, as the query parameters give it: by name, as of a
 * date or an instant, or (neither) the latest. {@link ReadScopes} checks it.
 *
 * @param release a release's name ({@code [a-z0-9][a-z0-9-]{0,39}}); a day ({@code 2026-10-01}) that names no
 *                release is read as {@code asOf} that day
 * @param asOf    a day ({@code 2026-10-01}: to the end of that day, UTC) or an instant
 *                ({@code 2026-10-01T12:00:00Z}): the last release cut by then
 */
public record ReleaseChoice(String release, String asOf) {

    /** The latest release. */
    public static final ReleaseChoice LATEST = new ReleaseChoice(null, null);

    /** Whether a release was asked for at all. */
    boolean given() {
        return !blank(release) || !blank(asOf);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
