package org.balintobservatory.analytics.scope;

/**
 * The data release a researcher asks an answer from, as the query parameters give it.
 *
 * @param release a release's name; absent for the latest
 */
public record ReleaseChoice(String release) {

    /** The latest release. */
    public static final ReleaseChoice LATEST = new ReleaseChoice(null);
}
