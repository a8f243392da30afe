/**
 * Where an answer is read from, decided in one place: a school sees its own institution live, a researcher
 * (or administrator) a published data release, the latest unless one is chosen. Every read of a feature
 * asks {@link org.balintobservatory.analytics.release.scope.ReadScopes} and reads the
 * {@link org.balintobservatory.analytics.release.scope.ReadScope} it gets: the store, the log position, the
 * release and the threshold, never working the rule out again.
 */
package org.balintobservatory.analytics.release.scope;
