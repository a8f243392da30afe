/**
 * What a caller may read. A data release freezes the read models researchers answer from
 * ({@link org.balintobservatory.analytics.release.ReleaseCutter}, on demand or on the
 * {@link org.balintobservatory.analytics.release.ReleaseSchedule}); {@code scope} decides which release, or which
 * live data, a caller reads; {@code disclosure} decides what of it a researcher may see. Scope and disclosure sit
 * under the release, not beside the answers, because each answer only applies what they decide: the same rules
 * hold for every question, and a release is cut with them.
 */
package org.balintobservatory.analytics.release;
