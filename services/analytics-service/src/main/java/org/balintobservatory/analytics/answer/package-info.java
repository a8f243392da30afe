/**
 * The API, one subpackage per question it answers: {@code comparison} (pooled effects, meta-regression,
 * robustness and power across units), {@code participantlevel} (the one-stage model of participants' doses),
 * {@code coverage} (what keeps a school's units out), {@code overview}, and the single resources {@code group},
 * {@code participant} and {@code unit}. Each reads the read models through the scope
 * {@link org.balintobservatory.analytics.release.scope.ReadScopes} gives it and withholds what disclosure control
 * says.
 */
package org.balintobservatory.analytics.answer;
